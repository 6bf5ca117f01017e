using System.Reflection;
using System.Runtime.CompilerServices;
using Switchboard.Voice.Sip;

namespace Switchboard.Voice.Tests.Architecture;

public class VoiceDependencyTests
{
    private static readonly Assembly Voice = typeof(SipParser).Assembly;

    [Fact]
    public void Voice_ReferencesNoPackages()
    {
        var names = Voice.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();

        var others = names.Where(n => !n.StartsWith("System.", StringComparison.Ordinal) && n is not "System" and not "netstandard" and not "mscorlib").ToList();

        Assert.NotEmpty(names);
        Assert.Empty(others);
    }

    [Fact]
    public void OnlyTheEndpoint_HasAsyncMethods()
    {
        const BindingFlags everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var types = Voice.GetTypes();

        var asyncOutsideEndpoint = types
            .Where(t => t.Namespace != "Switchboard.Voice.Endpoint" && !(t.Namespace ?? "").StartsWith("Switchboard.Voice.Endpoint.", StringComparison.Ordinal))
            .SelectMany(t => t.GetMethods(everything))
            .Where(m => m.GetCustomAttribute<AsyncStateMachineAttribute>() is not null || typeof(Task).IsAssignableFrom(m.ReturnType) || m.ReturnType.Name.StartsWith("ValueTask", StringComparison.Ordinal))
            .Select(m => $"{m.DeclaringType}.{m.Name}")
            .ToList();
        var asyncInEndpoint = types.Where(t => t.Namespace == "Switchboard.Voice.Endpoint").SelectMany(t => t.GetMethods(everything))
            .Count(m => m.GetCustomAttribute<AsyncStateMachineAttribute>() is not null);

        Assert.True(asyncInEndpoint > 0);
        Assert.Empty(asyncOutsideEndpoint);
    }
}
