using System.Reflection;
using Switchboard.Routing;

namespace Switchboard.Tests.Architecture;

public class DomainDependencyTests
{
    private static readonly Assembly Domain = typeof(RoutingEngine).Assembly;

    [Fact]
    public void Domain_ReferencesOnlySystemAssemblies()
    {
        var names = Domain.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();

        var others = names.Where(n => !n.StartsWith("System.", StringComparison.Ordinal)
            && n is not "System" and not "netstandard" and not "mscorlib").ToList();

        Assert.NotEmpty(names);
        Assert.Empty(others);
    }

    [Fact]
    public void Domain_HasNoAsyncMethods()
    {
        const BindingFlags everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var types = Domain.GetTypes();

        var asyncMethods = types
            .SelectMany(t => t.GetMethods(everything))
            .Where(m => IsTaskLike(m.ReturnType) || m.GetCustomAttribute<System.Runtime.CompilerServices.AsyncStateMachineAttribute>() is not null)
            .Select(m => $"{m.DeclaringType}.{m.Name}")
            .ToList();

        Assert.NotEmpty(types);
        Assert.Empty(asyncMethods);
    }

    private static bool IsTaskLike(Type type)
    {
        var t = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        return t == typeof(Task) || t == typeof(Task<>) || t == typeof(ValueTask) || t == typeof(ValueTask<>)
            || t == typeof(IAsyncEnumerable<>);
    }
}
