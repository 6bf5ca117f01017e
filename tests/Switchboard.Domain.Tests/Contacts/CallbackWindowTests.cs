using Switchboard.Contacts;
using Switchboard.Queues;
using Switchboard.Skills;

namespace Switchboard.Tests.Contacts;

public class CallbackWindowTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Contains_IncludesStartExcludesEnd()
    {
        var window = new CallbackWindow(Nine, Nine.AddHours(1));

        Assert.True(window.Contains(Nine));
        Assert.True(window.Contains(Nine.AddMinutes(59)));
        Assert.False(window.Contains(Nine.AddHours(1)));
        Assert.False(window.Contains(Nine.AddTicks(-1)));
    }

    [Fact]
    public void Constructor_EndNotAfterStart_Throws()
    {
        Action build = () => _ = new CallbackWindow(Nine, Nine);

        Assert.Throws<ArgumentException>("end", build);
    }

    [Fact]
    public void Constructor_NotUtc_Throws()
    {
        Action build = () => _ = new CallbackWindow(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(1)), Nine.AddHours(2));

        Assert.Throws<ArgumentException>("start", build);
    }

    [Fact]
    public void NewContact_UnknownChannel_Throws()
    {
        Action build = () => _ = new NewContact((Channel)99, new QueueId("q"), new Language("en"));

        Assert.Throws<ArgumentOutOfRangeException>("channel", build);
    }
}
