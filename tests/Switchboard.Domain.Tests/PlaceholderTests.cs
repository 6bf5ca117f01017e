namespace Switchboard.Tests;

public class PlaceholderTests
{
    [Fact]
    public void Two_IsTwo() => Assert.Equal(2, Placeholder.Two);
}
