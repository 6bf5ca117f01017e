using Switchboard.Email;

namespace Switchboard.Tests.Email;

public class SenderWindowTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Record_CountsOneSendersMessagesWithinTheWindowOnly()
    {
        var window = new SenderWindow(TimeSpan.FromMinutes(10));

        var first = window.Record("jo@example.com", Nine);
        var second = window.Record("JO@example.com", Nine.AddMinutes(5));
        var other = window.Record("ann@example.com", Nine.AddMinutes(5));
        var later = window.Record("jo@example.com", Nine.AddMinutes(12));

        Assert.Equal((1, 2, 1, 2), (first, second, other, later));
    }
}
