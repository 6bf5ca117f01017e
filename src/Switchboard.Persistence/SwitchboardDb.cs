using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Switchboard.Persistence.Audit;
using Switchboard.Persistence.Chat;
using Switchboard.Persistence.Complaints;
using Switchboard.Persistence.Contacts;
using Switchboard.Persistence.Contracts;
using Switchboard.Persistence.Directory;
using Switchboard.Persistence.Email;
using Switchboard.Persistence.Events;
using Switchboard.Persistence.Idempotency;
using Switchboard.Persistence.Kpis;
using Switchboard.Persistence.Security;

namespace Switchboard.Persistence;

/// <summary>
/// The one model for both providers: the event log, the read models projected from it, the directory (clients,
/// queues, agents), identity, API tokens, idempotency answers and the audit trail. The context is the unit of work.
/// </summary>
/// <remarks>
/// Every client-owned set has a query filter on <see cref="Scope"/>: a context made for a client viewer cannot read
/// another client's rows, nor the centre's internal ones, through any query. Column names are snake_case and
/// instants are stored as UTC ticks (a long), so SQLite and PostgreSQL sort and compare them alike.
/// </remarks>
public sealed class SwitchboardDb(DbContextOptions<SwitchboardDb> options)
    : IdentityDbContext<SwitchboardUser, IdentityRole<Guid>, Guid>(options)
{
    private DataScope scope = DataScope.AllClients;
    private Func<DataScope>? scopeSource;

    /// <summary>Whose data this context may see; <see cref="DataScope.AllClients"/> unless the host narrows it.</summary>
    public DataScope Scope
    {
        get => scopeSource?.Invoke() ?? scope;
        set
        {
            scope = value;
            scopeSource = null;
        }
    }

    /// <summary>Reads the scope at each query from <paramref name="source"/> (the request's signed-in user), so a
    /// context created before authentication finished still sees exactly what the user may.</summary>
    public void ScopeFrom(Func<DataScope> source) => scopeSource = source;

    // The filters read these through the context instance, so EF Core evaluates them per query, not once per model.
    private string? ScopeClient => Scope.Client;

    private bool ScopeStaff => Scope.Staff;

    public DbSet<StoredEvent> Events => Set<StoredEvent>();

    public DbSet<StoredSnapshot> Snapshots => Set<StoredSnapshot>();

    public DbSet<ContactRecord> Contacts => Set<ContactRecord>();

    public DbSet<CallbackCustomer> CallbackCustomers => Set<CallbackCustomer>();

    public DbSet<CustomerKeyRecord> CustomerKeys => Set<CustomerKeyRecord>();

    public DbSet<ClientRecord> Clients => Set<ClientRecord>();

    public DbSet<QueueRecord> Queues => Set<QueueRecord>();

    public DbSet<AgentRecord> Agents => Set<AgentRecord>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<ChatWidget> ChatWidgets => Set<ChatWidget>();

    public DbSet<ChatConversation> ChatConversations => Set<ChatConversation>();

    public DbSet<ChatMessage> ChatMessages => Set<ChatMessage>();

    public DbSet<SurveyAnswer> SurveyAnswers => Set<SurveyAnswer>();

    public DbSet<SurveyInvitationRecord> SurveyInvitations => Set<SurveyInvitationRecord>();

    public DbSet<EmailFollowUp> EmailFollowUps => Set<EmailFollowUp>();

    /// <summary>KPI method versions after the catalogue's first (the centre's, not one client's: no scope filter).</summary>
    public DbSet<KpiMethodRecord> KpiMethods => Set<KpiMethodRecord>();

    public DbSet<ContractRecord> Contracts => Set<ContractRecord>();

    public DbSet<ClientInformationRecord> ClientInformation => Set<ClientInformationRecord>();

    public DbSet<IssuedReport> IssuedReports => Set<IssuedReport>();

    public DbSet<ComplaintRecord> Complaints => Set<ComplaintRecord>();

    public DbSet<ComplaintEventRecord> ComplaintEvents => Set<ComplaintEventRecord>();

    public DbSet<MailboxRecord> Mailboxes => Set<MailboxRecord>();

    public DbSet<CaseRecord> Cases => Set<CaseRecord>();

    public DbSet<CaseEventRecord> CaseEvents => Set<CaseEventRecord>();

    public DbSet<CaseMessageRecord> CaseMessages => Set<CaseMessageRecord>();

    public DbSet<CaseAttachmentRecord> CaseAttachments => Set<CaseAttachmentRecord>();

    public DbSet<ReceivedMailRecord> ReceivedMail => Set<ReceivedMailRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);

        builder.Entity<StoredEvent>(e =>
        {
            e.ToTable("routing_events");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.Domain, x.Sequence }).IsUnique();
            e.HasIndex(x => x.Contact);
            e.Property(x => x.Domain).HasMaxLength(64);
            e.Property(x => x.Client).HasMaxLength(64);
            e.Property(x => x.Agent).HasMaxLength(64);
            e.Property(x => x.Queue).HasMaxLength(64);
            e.HasQueryFilter(x => ScopeClient == null || x.Client == ScopeClient);
        });

        builder.Entity<StoredSnapshot>(e =>
        {
            e.ToTable("routing_snapshots");
            e.HasKey(x => new { x.Domain, x.Sequence });
            e.Property(x => x.Domain).HasMaxLength(64);

            // A snapshot holds every client's contacts of its domain.
            e.HasQueryFilter(x => ScopeStaff);
        });

        builder.Entity<ContactRecord>(e =>
        {
            e.ToTable("contacts");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => new { x.Domain, x.Number }).IsUnique();
            e.HasIndex(x => new { x.Client, x.Arrived });
            e.HasIndex(x => new { x.Queue, x.State });
            e.HasIndex(x => x.IdempotencyKey);
            e.Property(x => x.Domain).HasMaxLength(64);
            e.Property(x => x.Client).HasMaxLength(64);
            e.Property(x => x.Queue).HasMaxLength(64);
            e.Property(x => x.Agent).HasMaxLength(64);
            e.Property(x => x.Language).HasMaxLength(35);
            e.Property(x => x.IdempotencyKey).HasMaxLength(300);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasQueryFilter(x => ScopeClient == null || x.Client == ScopeClient);
        });

        builder.Entity<CallbackCustomer>(e =>
        {
            e.ToTable("callback_customers");
            e.HasKey(x => x.Contact);
            e.Property(x => x.Contact).ValueGeneratedNever();
            e.Property(x => x.Client).HasMaxLength(64);
            e.Property(x => x.CustomerReference).HasMaxLength(100);
            e.Property(x => x.PhoneNumber).HasMaxLength(16);
            e.Property(x => x.Note).HasMaxLength(500);
            e.HasQueryFilter(x => ScopeClient == null || x.Client == ScopeClient);
        });

        builder.Entity<CustomerKeyRecord>(e =>
        {
            e.ToTable("customer_keys");
            e.HasKey(x => new { x.Contact, x.Kind });
            e.Property(x => x.Client).HasMaxLength(64);
            e.Property(x => x.Value).HasMaxLength(254);

            // The lookup of a customer's contacts: the same client, the same kind of key, the same value.
            e.HasIndex(x => new { x.Client, x.Kind, x.Value });
            e.HasQueryFilter(x => ScopeClient == null || x.Client == ScopeClient);
        });

        builder.Entity<KpiMethodRecord>(e =>
        {
            e.ToTable("kpi_methods");
            e.HasKey(x => x.Id);
            e.Property(x => x.Kpi).HasMaxLength(64);
            e.Property(x => x.Parameters).HasMaxLength(4000);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.HasIndex(x => new { x.Kpi, x.Version }).IsUnique();
        });

        builder.Entity<ContractRecord>(e =>
        {
            e.ToTable("client_contracts");
            e.HasKey(x => x.Client);
            e.Property(x => x.Client).HasMaxLength(64);
            e.Property(x => x.UpdatedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasQueryFilter(x => ScopeClient == null || x.Client == ScopeClient);
        });

        builder.Entity<ClientInformationRecord>(e =>
        {
            e.ToTable("client_information");
            e.HasKey(x => x.Id);
            e.Property(x => x.Client).HasMaxLength(64);
            e.Property(x => x.Kind).HasMaxLength(64);
            e.Property(x => x.Summary).HasMaxLength(2000);
            e.Property(x => x.RecordedBy).HasMaxLength(256);
            e.HasIndex(x => new { x.Client, x.Supplied });
            e.HasQueryFilter(x => ScopeClient == null || x.Client == ScopeClient);
        });

        builder.Entity<IssuedReport>(e =>
        {
            e.ToTable("issued_reports");
            e.HasKey(x => x.Id);
            e.Property(x => x.Client).HasMaxLength(64);
            e.Property(x => x.Period).HasMaxLength(16);
            e.HasIndex(x => new { x.Client, x.Period }).IsUnique();
            e.HasQueryFilter(x => ScopeClient == null || x.Client == ScopeClient);
        });

        builder.Entity<ComplaintRecord>(e =>
        {
            e.ToTable("complaints");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Reference).HasMaxLength(32);
            e.Property(x => x.Client).HasMaxLength(64);
            e.Property(x => x.Status).HasMaxLength(32);
            e.Property(x => x.Category).HasMaxLength(32);
            e.Property(x => x.Severity).HasMaxLength(16);
            e.Property(x => x.Level).HasMaxLength(32);
            e.Property(x => x.Summary).HasMaxLength(4000);
            e.Property(x => x.RemedySought).HasMaxLength(1000);
            e.Property(x => x.CustomerName).HasMaxLength(200);
            e.Property(x => x.CustomerEmail).HasMaxLength(320);
            e.Property(x => x.Owner).HasMaxLength(256);
            e.Property(x => x.RootCause).HasMaxLength(64);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.Reference).IsUnique();
            e.HasIndex(x => new { x.Client, x.Status });
            e.HasIndex(x => new { x.Client, x.Received });
            e.HasQueryFilter(x => ScopeClient == null || x.Client == ScopeClient);
        });

        builder.Entity<ComplaintEventRecord>(e =>
        {
            e.ToTable("complaint_events");
            e.HasKey(x => x.Id);
            e.Property(x => x.Client).HasMaxLength(64);
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.Actor).HasMaxLength(256);
            e.HasIndex(x => new { x.Complaint, x.Sequence }).IsUnique();
            e.HasQueryFilter(x => ScopeClient == null || x.Client == ScopeClient);
        });

        builder.Entity<ClientRecord>(e =>
        {
            e.ToTable("clients");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Domain).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasQueryFilter(x => ScopeClient == null || x.Id == ScopeClient);
        });

        builder.Entity<QueueRecord>(e =>
        {
            e.ToTable("queues");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Client).HasMaxLength(64);
            e.Property(x => x.Domain).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.HasIndex(x => x.Client);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasQueryFilter(x => ScopeClient == null || x.Client == ScopeClient);
        });

        builder.Entity<AgentRecord>(e =>
        {
            e.ToTable("agents");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Domain).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.HasIndex(x => x.Domain);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasQueryFilter(x => ScopeStaff);
        });

        builder.Entity<IdempotencyRecord>(e =>
        {
            e.ToTable("idempotency_records");
            e.HasKey(x => new { x.Scope, x.Key });
            e.Property(x => x.Scope).HasMaxLength(100);
            e.Property(x => x.Key).HasMaxLength(200);
            e.Property(x => x.RequestHash).HasMaxLength(64);
            e.HasIndex(x => x.Created);
        });

        builder.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_entries");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Actor).HasMaxLength(200);
            e.Property(x => x.Action).HasMaxLength(100);
            e.Property(x => x.Resource).HasMaxLength(300);
            e.Property(x => x.Client).HasMaxLength(64);
            e.Property(x => x.PreviousHash).HasMaxLength(64);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.HasIndex(x => x.At);
            e.HasQueryFilter(x => ScopeStaff);
        });

        builder.Entity<ApiToken>(e =>
        {
            e.ToTable("api_tokens");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.SecretHash).HasMaxLength(64);
            e.Property(x => x.Scopes).HasMaxLength(500);
            e.HasIndex(x => x.SecretHash).IsUnique();
            e.HasIndex(x => x.UserId);
        });

        builder.Entity<ChatWidget>(e =>
        {
            e.ToTable("chat_widgets");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Client).HasMaxLength(64);
            e.Property(x => x.DisplayName).HasMaxLength(200);
            e.Property(x => x.Origins).HasMaxLength(4000);
            e.Property(x => x.Languages).HasMaxLength(1000);
            e.Property(x => x.CallbackOfferAfter).HasConversion<long?>(v => v.HasValue ? v.Value.Ticks : null, v => v.HasValue ? TimeSpan.FromTicks(v.Value) : null);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.Client);
            e.HasQueryFilter(x => ScopeClient == null || x.Client == ScopeClient);
        });

        builder.Entity<ChatConversation>(e =>
        {
            e.ToTable("chat_conversations");
            e.HasKey(x => x.Contact);
            e.Property(x => x.Contact).ValueGeneratedNever();
            e.Property(x => x.Widget).HasMaxLength(64);
            e.Property(x => x.Client).HasMaxLength(64);
            e.Property(x => x.Domain).HasMaxLength(64);
            e.Property(x => x.Queue).HasMaxLength(64);
            e.Property(x => x.TokenHash).HasMaxLength(64);
            e.Property(x => x.CustomerName).HasMaxLength(100);
            e.Property(x => x.Language).HasMaxLength(35);
            e.Property(x => x.Topic).HasMaxLength(64);
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasIndex(x => new { x.Client, x.Created });
            e.HasQueryFilter(x => ScopeClient == null || x.Client == ScopeClient);
        });

        builder.Entity<ChatMessage>(e =>
        {
            e.ToTable("chat_messages");
            e.HasKey(x => x.Id);
            e.Property(x => x.Client).HasMaxLength(64);
            e.Property(x => x.Agent).HasMaxLength(64);
            e.Property(x => x.Text).HasMaxLength(2000);
            e.Property(x => x.ClientMessageId).HasMaxLength(100);
            e.HasIndex(x => new { x.Conversation, x.Sequence }).IsUnique();
            e.HasIndex(x => new { x.Conversation, x.Sender, x.ClientMessageId }).IsUnique();
            e.HasQueryFilter(x => ScopeClient == null || x.Client == ScopeClient);
        });

        builder.Entity<SurveyAnswer>(e =>
        {
            e.ToTable("survey_answers");
            e.HasKey(x => x.Contact);
            e.Property(x => x.Contact).ValueGeneratedNever();
            e.Property(x => x.Client).HasMaxLength(64);
            e.Property(x => x.Queue).HasMaxLength(64);
            e.Property(x => x.Agent).HasMaxLength(64);
            e.Property(x => x.Comment).HasMaxLength(1000);
            e.HasIndex(x => new { x.Client, x.Answered });
            e.HasIndex(x => x.Complaint).IsUnique();
            e.HasQueryFilter(x => ScopeClient == null || x.Client == ScopeClient);
        });

        builder.Entity<SurveyInvitationRecord>(e =>
        {
            e.ToTable("survey_invitations");
            e.HasKey(x => x.Contact);
            e.Property(x => x.Contact).ValueGeneratedNever();
            e.Property(x => x.Client).HasMaxLength(64);
            e.Property(x => x.Queue).HasMaxLength(64);
            e.Property(x => x.Agent).HasMaxLength(64);
            e.HasIndex(x => new { x.Client, x.Invited });
            e.HasIndex(x => x.Complaint).IsUnique();
            e.HasQueryFilter(x => ScopeClient == null || x.Client == ScopeClient);
        });

        builder.Entity<EmailFollowUp>(e =>
        {
            e.ToTable("email_follow_ups");
            e.HasKey(x => x.Contact);
            e.Property(x => x.Contact).ValueGeneratedNever();
            e.Property(x => x.Client).HasMaxLength(64);
            e.Property(x => x.EmailAddress).HasMaxLength(254);
            e.Property(x => x.Question).HasMaxLength(2000);
            e.HasIndex(x => x.Conversation);
            e.HasQueryFilter(x => ScopeClient == null || x.Client == ScopeClient);
        });

        builder.Entity<MailboxRecord>(e =>
        {
            e.ToTable("mailboxes");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Client).HasMaxLength(64);
            e.Property(x => x.Queue).HasMaxLength(64);
            e.Property(x => x.Address).HasMaxLength(254);
            e.Property(x => x.Language).HasMaxLength(35);
            e.Property(x => x.ImapHost).HasMaxLength(253);
            e.Property(x => x.UserName).HasMaxLength(254);
            e.Property(x => x.Password).HasMaxLength(500);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.Client);
            e.HasQueryFilter(x => ScopeClient == null || x.Client == ScopeClient);
        });

        builder.Entity<CaseRecord>(e =>
        {
            e.ToTable("cases");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => x.Number).IsUnique();
            e.Property(x => x.Client).HasMaxLength(64);
            e.Property(x => x.Queue).HasMaxLength(64);
            e.Property(x => x.Mailbox).HasMaxLength(64);
            e.Property(x => x.Subject).HasMaxLength(500);
            e.Property(x => x.Owner).HasMaxLength(64);
            e.Property(x => x.Customer).HasMaxLength(254);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.Client, x.Created });
            e.HasIndex(x => x.Contact);

            // The clock monitor and the due list walk open cases by their next deadline.
            e.HasIndex(x => new { x.Status, x.Due });
            e.HasQueryFilter(x => ScopeClient == null || x.Client == ScopeClient);
        });

        builder.Entity<CaseEventRecord>(e =>
        {
            e.ToTable("case_events");
            e.HasKey(x => x.Id);
            e.Property(x => x.Client).HasMaxLength(64);
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.Actor).HasMaxLength(256);
            e.HasIndex(x => new { x.Case, x.Sequence }).IsUnique();
            e.HasQueryFilter(x => ScopeClient == null || x.Client == ScopeClient);
        });

        builder.Entity<CaseMessageRecord>(e =>
        {
            e.ToTable("case_messages");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Client).HasMaxLength(64);
            e.Property(x => x.MessageId).HasMaxLength(998);
            e.Property(x => x.InReplyTo).HasMaxLength(998);
            e.Property(x => x.From).HasMaxLength(254);
            e.Property(x => x.To).HasMaxLength(254);
            e.Property(x => x.Subject).HasMaxLength(500);
            e.Property(x => x.Agent).HasMaxLength(64);
            e.HasIndex(x => new { x.Case, x.Sequence }).IsUnique();

            // Threading looks a reply's In-Reply-To and References up among the client's messages.
            e.HasIndex(x => new { x.Client, x.MessageId });
            e.HasQueryFilter(x => ScopeClient == null || x.Client == ScopeClient);
        });

        builder.Entity<CaseAttachmentRecord>(e =>
        {
            e.ToTable("case_attachments");
            e.HasKey(x => x.Id);
            e.Property(x => x.Client).HasMaxLength(64);
            e.Property(x => x.FileName).HasMaxLength(255);
            e.Property(x => x.MediaType).HasMaxLength(255);
            e.Property(x => x.Refused).HasMaxLength(200);
            e.HasIndex(x => x.Case);
            e.HasQueryFilter(x => ScopeClient == null || x.Client == ScopeClient);
        });

        builder.Entity<ReceivedMailRecord>(e =>
        {
            e.ToTable("received_mail");
            e.HasKey(x => x.Id);
            e.Property(x => x.Client).HasMaxLength(64);
            e.Property(x => x.MessageId).HasMaxLength(998);
            e.Property(x => x.Mailbox).HasMaxLength(64);
            e.Property(x => x.Verdict).HasMaxLength(16);
            e.Property(x => x.Reason).HasMaxLength(200);
            e.HasIndex(x => new { x.Client, x.MessageId }).IsUnique();
            e.HasQueryFilter(x => ScopeClient == null || x.Client == ScopeClient);
        });

        builder.Entity<SwitchboardUser>(e =>
        {
            e.Property(x => x.Client).HasMaxLength(64);
            e.Property(x => x.Agent).HasMaxLength(64);
        });

        SnakeCase.Apply(builder);
    }
}
