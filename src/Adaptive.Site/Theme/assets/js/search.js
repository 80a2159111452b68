// Site search for the default theme: a combobox over the search.json index the build writes
// (title, url, summary and tags of every page). No framework. The index is fetched once, on
// the first focus; a page matches when every word typed is in its title, summary or tags,
// title matches first. Keyboard: arrows move through the results, Enter opens one, Escape
// closes the list (a second Escape clears the box); the count is announced in a status region.
(function () {
  'use strict';
  var input = document.getElementById('site-search-input');
  var list = document.getElementById('site-search-results');
  var status = document.getElementById('site-search-status');
  if (!input || !list) {
    return;
  }

  var pages = null;
  var loading = null;
  var results = [];
  var active = -1;

  function load() {
    if (!loading) {
      loading = fetch(input.getAttribute('data-index'))
        .then(function (response) { return response.json(); })
        .then(function (index) { pages = index; })
        .catch(function () { pages = []; });
    }
    return loading;
  }

  function score(page, words) {
    var title = page.title.toLowerCase();
    var rest = (page.summary + ' ' + (page.tags || []).join(' ')).toLowerCase();
    var total = 0;
    for (var i = 0; i < words.length; i++) {
      if (title.indexOf(words[i]) >= 0) {
        total += 2;
      } else if (rest.indexOf(words[i]) >= 0) {
        total += 1;
      } else {
        return 0;
      }
    }
    return total;
  }

  function find(query) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0 || !pages) {
      return [];
    }
    var found = [];
    for (var i = 0; i < pages.length; i++) {
      var s = score(pages[i], words);
      if (s > 0) {
        found.push({ page: pages[i], score: s });
      }
    }
    found.sort(function (a, b) { return b.score - a.score || a.page.title.localeCompare(b.page.title); });
    return found.slice(0, 10).map(function (f) { return f.page; });
  }

  function select(index) {
    active = index;
    var options = list.querySelectorAll('[role="option"]');
    for (var i = 0; i < options.length; i++) {
      options[i].setAttribute('aria-selected', i === active ? 'true' : 'false');
    }
    if (active >= 0 && options[active]) {
      input.setAttribute('aria-activedescendant', options[active].id);
      options[active].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function announce(text) {
    if (status) {
      status.textContent = text;
    }
  }

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    select(-1);
  }

  function show() {
    var query = input.value.trim();
    results = find(query);
    list.textContent = '';
    if (query === '') {
      close();
      announce('');
      return;
    }
    if (results.length === 0) {
      var none = document.createElement('li');
      none.className = 'search-empty';
      none.setAttribute('role', 'option');
      none.setAttribute('aria-disabled', 'true');
      none.textContent = 'No pages match “' + query + '”.';
      list.appendChild(none);
    }
    announce(results.length === 0 ? 'No pages match.' : results.length === 1 ? '1 page found.' : results.length + ' pages found.');
    results.forEach(function (page, i) {
      var item = document.createElement('li');
      item.id = 'site-search-result-' + i;
      item.setAttribute('role', 'option');
      item.setAttribute('aria-selected', 'false');
      var link = document.createElement('a');
      link.href = page.url;
      link.tabIndex = -1;
      var title = document.createElement('span');
      title.className = 'search-title';
      title.textContent = page.title;
      link.appendChild(title);
      if (page.summary) {
        var summary = document.createElement('span');
        summary.className = 'search-summary';
        summary.textContent = page.summary;
        link.appendChild(summary);
      }
      item.appendChild(link);
      list.appendChild(item);
    });
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    select(-1);
  }

  input.addEventListener('focus', load);
  input.addEventListener('input', function () { load().then(show); });
  input.addEventListener('keydown', function (event) {
    if (event.key === 'ArrowDown' && results.length > 0) {
      event.preventDefault();
      if (list.hidden) {
        show();
      }
      select((active + 1) % results.length);
    } else if (event.key === 'ArrowUp' && results.length > 0) {
      event.preventDefault();
      select(active <= 0 ? results.length - 1 : active - 1);
    } else if (event.key === 'Enter' && !event.isComposing) {
      var chosen = results[active >= 0 ? active : 0];
      if (chosen && !list.hidden) {
        event.preventDefault();
        window.location.href = chosen.url;
      }
    } else if (event.key === 'Escape') {
      if (!list.hidden) {
        event.preventDefault(); // the browser would clear the box too: the first Escape only closes the list
        close();
      } else {
        input.value = '';
      }
    }
  });
  input.parentNode.addEventListener('focusout', function (event) {
    if (!event.relatedTarget || !input.parentNode.contains(event.relatedTarget)) {
      close();
    }
  });
  document.addEventListener('click', function (event) {
    if (!input.parentNode.contains(event.target)) {
      close();
    }
  });
})();
