using Switchboard.Routing;

namespace Switchboard.Tests.Routing;

public class OfferBookTests
{
    [Fact]
    public void Add_BeyondTheRing_GrowsAndKeepsEveryOffer()
    {
        var book = new OfferBook();

        for (var id = 1; id <= 1000; id++)
        {
            book.Add(id, new OfferRecord { ContactId = id * 10, Status = OfferStatus.Live });
        }

        Assert.True(book.Contains(1) && book.Contains(1000) && !book.Contains(1001));
        Assert.Equal(5000, book[500].ContactId);
    }

    [Fact]
    public void Forget_StopsAtTheFirstLiveOffer()
    {
        var book = new OfferBook();
        book.Add(1, new OfferRecord { Status = OfferStatus.Accepted, FinishedTicks = 10 });
        book.Add(2, new OfferRecord { Status = OfferStatus.Live });
        book.Add(3, new OfferRecord { Status = OfferStatus.Rejected, FinishedTicks = 10 });

        book.Forget(horizon: 100);

        Assert.False(book.Contains(1));
        Assert.True(book.Contains(2));
        Assert.True(book.Contains(3));
    }

    [Fact]
    public void Add_OutOfOrder_Throws()
    {
        var book = new OfferBook();

        Assert.Throws<InvalidOperationException>(() => book.Add(2, default));
    }
}
