using Switchboard.Server.Agents;
using Switchboard.Server.Audit;
using Switchboard.Server.Callbacks;
using Switchboard.Server.Chat;
using Switchboard.Server.ClientReports;
using Switchboard.Server.Clients;
using Switchboard.Server.Complaints;
using Switchboard.Server.Contacts;
using Switchboard.Server.Contracts;
using Switchboard.Server.Email;
using Switchboard.Server.Evidence;
using Switchboard.Server.Integrations;
using Switchboard.Server.Kpis;
using Switchboard.Server.Queues;
using Switchboard.Server.Security;
using Switchboard.Server.Users;

namespace Switchboard.Server;

/// <summary>Every feature's routes, under <c>/api</c>.</summary>
internal static class ServerApi
{
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api");
        AuthApi.Map(api);
        ClientsApi.Map(api);
        QueuesApi.Map(api);
        AgentsApi.Map(api);
        ContactsApi.Map(api);
        CallbacksApi.Map(api);
        EventsApi.Map(api);
        AuditApi.Map(api);
        UsersApi.Map(api);
        ChatApi.Map(api);
        KpisApi.Map(api);
        ContractsApi.Map(api);
        ClientReportsApi.Map(api);
        EvidenceApi.Map(api);
        ComplaintsApi.Map(api);
        MailboxesApi.Map(api);
        CasesApi.Map(api);
    }
}
