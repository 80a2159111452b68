using CommandLine;
using CommandLine.Text;

namespace Adaptive.Cli;

/// <summary>Help and command-line errors: help goes to stdout (exit 0); errors go to stderr with
/// a hint (exit 2).</summary>
internal static class Usage
{
    public static int Report(ParserResult<object> result, IEnumerable<Error> errors)
    {
        List<Error> list = [.. errors];
        if (list.Exists(e => e is VersionRequestedError))
        {
            Console.Out.WriteLine("adapt " + HeadingInfo.Default.ToString().Split(' ').LastOrDefault());
            return ExitCodes.Success;
        }

        if (list.Exists(e => e is HelpRequestedError or HelpVerbRequestedError))
        {
            Console.Out.WriteLine(HelpText.AutoBuild(result, h => h, e => e));
            return ExitCodes.Success;
        }

        string verb = result.TypeInfo.Current.GetCustomAttributes(typeof(VerbAttribute), inherit: false) is [VerbAttribute attribute] ? attribute.Name : string.Empty;
        foreach (Error error in list)
        {
            Console.Error.WriteLine("adapt" + (verb.Length > 0 ? " " + verb : string.Empty) + ": " + Describe(error));
        }

        Console.Error.WriteLine(verb.Length > 0
            ? $"Run 'adapt {verb} --help' for its options."
            : "Run 'adapt --help' for the verbs: new, build, watch, clean, explain, trace, theme.");
        return ExitCodes.Usage;
    }

    private static string Describe(Error error) => error switch
    {
        UnknownOptionError unknown => $"unknown option '{(unknown.Token.Length == 1 ? "-" : "--")}{unknown.Token}'",
        BadVerbSelectedError bad => $"unknown verb '{bad.Token}'",
        NoVerbSelectedError => "no verb given",
        MissingRequiredOptionError missing => $"missing {(missing.NameInfo.NameText.Length > 0 ? "'" + missing.NameInfo.NameText + "'" : "argument")}",
        BadFormatConversionError bad => $"'{bad.NameInfo.NameText}' has an invalid value",
        MissingValueOptionError missing => $"option '{missing.NameInfo.NameText}' needs a value",
        SequenceOutOfRangeError range => $"option '{range.NameInfo.NameText}' has the wrong number of values",
        RepeatedOptionError repeated => $"option '{repeated.NameInfo.NameText}' is given twice",
        _ => error.Tag.ToString(),
    };
}
