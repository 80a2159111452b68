using System.Reflection;
using System.Text;

namespace Adaptive.Core.Tests;

/// <summary>
/// The public surface of Adaptive.Core, snapshot-tested: a change to it must be deliberate.
/// To accept a change, run the tests with ADAPT_ACCEPT_SNAPSHOTS=1 and review the diff of
/// PublicApi.approved.txt.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void Public_api_matches_the_approved_snapshot()
    {
        string actual = Describe(typeof(AdaptiveRuntime).Assembly);
        if (Environment.GetEnvironmentVariable("ADAPT_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(SourcePath(), actual);
        }

        string approved = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "PublicApi.approved.txt")).ReplaceLineEndings("\n");
        Assert.Equal(approved, actual);
    }

    private static string SourcePath([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.Combine(Path.GetDirectoryName(file)!, "PublicApi.approved.txt");

    internal static string Describe(Assembly assembly)
    {
        var text = new StringBuilder();
        foreach (Type type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append(Kind(type)).Append(' ').Append(Name(type)).Append('\n');
            IEnumerable<string> members = type
                .GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => m is not MethodInfo { IsSpecialName: true } || m.Name.StartsWith("op_", StringComparison.Ordinal))
                .Where(m => !(type.IsEnum && m.Name == "value__"))
                .Select(Describe)
                .Order(StringComparer.Ordinal);
            foreach (string member in members)
            {
                text.Append("  ").Append(member).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Kind(Type type) =>
        type.IsInterface ? "interface"
        : type.IsEnum ? "enum"
        : type.IsValueType ? "struct"
        : type.IsAbstract && type.IsSealed ? "static class"
        : type.IsAbstract ? "abstract class"
        : type.IsSealed ? "sealed class"
        : "class";

    private static string Describe(MemberInfo member) => member switch
    {
        ConstructorInfo c => "ctor(" + Parameters(c) + ")",
        MethodInfo m => (m.IsStatic ? "static " : string.Empty) + Name(m.ReturnType) + " " + m.Name
            + (m.IsGenericMethod ? "<" + string.Join(", ", m.GetGenericArguments().Select(Name)) + ">" : string.Empty)
            + "(" + Parameters(m) + ")",
        PropertyInfo p => Name(p.PropertyType) + " " + p.Name
            + (p.GetIndexParameters().Length > 0 ? "[" + string.Join(", ", p.GetIndexParameters().Select(i => Name(i.ParameterType))) + "]" : string.Empty)
            + " {" + (p.GetMethod?.IsPublic == true ? " get;" : string.Empty) + (p.SetMethod?.IsPublic == true ? (IsInitOnly(p.SetMethod) ? " init;" : " set;") : string.Empty) + " }",
        FieldInfo f => (f.IsStatic ? "static " : string.Empty) + Name(f.FieldType) + " " + f.Name,
        EventInfo e => "event " + e.Name,
        Type t => "nested " + Name(t),
        _ => member.Name,
    };

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit));

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(p => Name(p.ParameterType) + " " + p.Name + (p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : string.Empty)));

    private static string Name(Type type)
    {
        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[]";
        }

        if (type.IsByRef)
        {
            return "ref " + Name(type.GetElementType()!);
        }

        string name = type.Namespace is "System" or "System.Collections.Generic" or "Adaptive.Core"
            ? type.Name
            : type.FullName ?? type.Name;
        if (!type.IsGenericType)
        {
            return name;
        }

        int tick = name.IndexOf('`', StringComparison.Ordinal);
        return (tick < 0 ? name : name[..tick]) + "<" + string.Join(", ", type.GetGenericArguments().Select(Name)) + ">";
    }
}
