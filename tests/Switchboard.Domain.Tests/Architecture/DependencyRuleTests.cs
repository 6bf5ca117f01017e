using System.Reflection;
using Switchboard.Routing;

namespace Switchboard.Tests.Architecture;

/// <summary>ARCHITECTURE.md's dependency rule, checked on the compiled core.</summary>
public class DependencyRuleTests
{
    private static readonly Assembly Core = typeof(RoutingEngine).Assembly;

    [Fact]
    public void Domain_ReferencesOnlyTheBaseClassLibrary()
    {
        var references = Core.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        var foreign = references.Where(name => !(name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib")).ToList();

        Assert.Empty(foreign);
    }

    [Fact]
    public void Domain_HasNoAsynchronousMethods()
    {
        var asynchronous = Core.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => typeof(Task).IsAssignableFrom(m.ReturnType) || m.ReturnType.Name.StartsWith("ValueTask", StringComparison.Ordinal))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToList();

        Assert.Empty(asynchronous);
    }
}
