using FsCheck;
using FsCheck.Fluent;

namespace Adaptive.Site.Tests;

/// <summary>FsCheck <see cref="Arbitrary{T}"/> instances for <see cref="SiteProperties"/>.</summary>
public static class SiteEditArbitrary
{
    /// <summary>Seeds for a random site and a random edit sequence: five per page (eight pages:
    /// section, title, date, weight, tags) and four per edit (one to five edits: kind, page and
    /// two parameters), read by <c>SiteProperties.Page</c> and <c>SiteProperties.Edit</c>.</summary>
    public static Arbitrary<(int[] Pages, int[] Edits)> SitesAndEdits() =>
        (from pages in Gen.ArrayOf(Gen.Choose(0, 1_000_000), 8 * 5)
         from editCount in Gen.Choose(1, 5)
         from edits in Gen.ArrayOf(Gen.Choose(0, 1_000_000), editCount * 4)
         select (pages, edits)).ToArbitrary();
}
