using Bunit;
using Switchboard.Contacts;
using Switchboard.Server.Desk;
using Switchboard.Server.Realtime;
using static Switchboard.Tests.Server.Desk.DeskScreen;

namespace Switchboard.Tests.Server.Desk;

/// <summary>The contact panel's customer: who they are, their earlier contacts across channels, and what it says without them.</summary>
public class ContactPanelTests
{
    private static readonly ContactDetails Chat = new(Guid.NewGuid(), "billing", Channel.Chat, "en", ContactState.Connected, Nine.AddMinutes(-1), false);

    private static ContactFile File(IReadOnlyList<CustomerKey> keys, params EarlierContact[] earlier) =>
        new("acme", false, 0, [new ContactStep(Nine.AddMinutes(-1), "contactArrived", null, "billing")]) { CustomerKeys = keys, EarlierContacts = earlier };

    private static CustomerKey Email(string address) => CustomerKey.TryEmail(address, out var key) ? key! : throw new ArgumentException(address);

    [Fact]
    public void Render_EarlierContacts_NewestFirstWithChannelTimeQueueAndOutcome_AndTheOwnHistoryStays()
    {
        using var context = Context();
        var file = File(
            [Email("jo@example.com")],
            new EarlierContact(Guid.NewGuid(), Channel.Email, "billing", Nine.AddDays(-1), ContactState.Waiting, null, null),
            new EarlierContact(Guid.NewGuid(), Channel.Voice, "sales", Nine.AddDays(-3).AddHours(5.5), ContactState.Completed, "resolved", "invoice query"));

        var panel = context.Render<ContactPanel>(p => p.Add(c => c.Contact, Chat).Add(c => c.File, file).Add(c => c.Now, Nine));

        var rows = panel.FindAll("ol.desk-customer-history li").Select(li => li.TextContent).ToArray();
        Assert.Equal(["2026-11-01 09:00 UTC · Email · billing · Waiting", "2026-10-30 14:30 UTC · Voice call · sales · resolved (invoice query)"], rows);
        Assert.Equal("2026-10-30T14:30:00.0000000+00:00", panel.FindAll("ol.desk-customer-history time")[1].GetAttribute("datetime"));
        Assert.Equal("Earlier contacts of this customer", panel.Find("h3").TextContent);
        Assert.Contains("Known by email jo@example.com.", panel.Markup, StringComparison.Ordinal);
        Assert.Contains("History of this contact (1 events)", panel.Find("details.desk-history summary").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("no customer identity yet", panel.Markup, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Render_IdentifiedWithoutEarlierContacts_SaysNone()
    {
        using var context = Context();
        CustomerKey.TryPhone("+441632960961", out var phone);

        var panel = context.Render<ContactPanel>(p => p.Add(c => c.Contact, Chat).Add(c => c.File, File([phone!])).Add(c => c.Now, Nine));

        Assert.Equal("No earlier contacts.", panel.Find(".desk-customer-none").TextContent);
        Assert.Contains("Known by phone +441632960961.", panel.Markup, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("ol.desk-customer-history"));
    }

    [Fact]
    public void Render_NotIdentified_SaysWhyNoEarlierContacts_AndRefusedContactsSayNoOutcome()
    {
        using var context = Context();

        var anonymous = context.Render<ContactPanel>(p => p.Add(c => c.Contact, Chat).Add(c => c.File, File([])).Add(c => c.Now, Nine));
        var refused = new EarlierContact(Guid.NewGuid(), Channel.Voice, "billing", Nine, null, null, null);

        Assert.Contains("not identified on this contact", anonymous.Find(".desk-customer .desk-note").TextContent, StringComparison.Ordinal);
        Assert.Empty(anonymous.FindAll("ol.desk-customer-history"));
        Assert.Equal("Refused (queue full)", refused.Outcome);
    }

    [Fact]
    public void Render_ACallback_ShowsTheNumberToCallAsALink_TheWindowReferenceAndNote()
    {
        using var context = Context();
        var contact = Chat with { Channel = Channel.Callback };
        var details = new CallbackDetails("+441632960961", Nine.AddHours(1), Nine.AddHours(3), "ACME-42", "Ask about the March invoice");

        var panel = context.Render<ContactPanel>(p => p.Add(c => c.Contact, contact).Add(c => c.File, File([]) with { Callback = details }).Add(c => c.Now, Nine));
        var other = context.Render<ContactPanel>(p => p.Add(c => c.Contact, Chat).Add(c => c.File, File([])).Add(c => c.Now, Nine));

        var facts = panel.FindAll(".desk-call-back dd").Select(d => d.TextContent.Trim()).ToArray();
        Assert.Equal("tel:+441632960961", panel.Find(".desk-call-back a").GetAttribute("href"));
        Assert.Equal(["+441632960961", "2026-11-02 10:00 UTC to 2026-11-02 12:00 UTC", "ACME-42", "Ask about the March invoice"], facts);
        Assert.Empty(other.FindAll(".desk-call-back"));
    }

    [Fact]
    public void Render_ACallbackWithoutANumber_SaysHowToFindTheCustomer()
    {
        using var context = Context();
        var contact = Chat with { Channel = Channel.Callback };

        var panel = context.Render<ContactPanel>(p => p.Add(c => c.Contact, contact)
            .Add(c => c.File, File([]) with { Callback = new CallbackDetails(null, null, null, null, null) }).Add(c => c.Now, Nine));

        Assert.Contains("None given", panel.Find(".desk-call-back dd").TextContent, StringComparison.Ordinal);
        Assert.Single(panel.FindAll(".desk-call-back dd"));
    }
}
