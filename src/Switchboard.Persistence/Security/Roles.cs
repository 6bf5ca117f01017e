namespace Switchboard.Persistence.Security;

/// <summary>The roles a user can hold. Every endpoint names the policy it needs (see the server's Security folder).</summary>
public static class Roles
{
    public const string Administrator = "administrator";
    public const string Supervisor = "supervisor";
    public const string Agent = "agent";
    public const string ClientViewer = "client-viewer";
    public const string Auditor = "auditor";

    public static IReadOnlyList<string> All { get; } = [Administrator, Supervisor, Agent, ClientViewer, Auditor];
}
