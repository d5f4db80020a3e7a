using System.Text;

namespace Quell.Csv;

public sealed class TopValueCounterTests
{
    [Fact]
    public void Counts_are_exact_while_there_are_fewer_values_than_counters()
    {
        var counter = new TopValueCounter(64);
        foreach (var value in new[] { "b", "a", "b", "c", "b", "a" }) Add(counter, value);

        Assert.Equal([new TopValue("b", 3, 0), new TopValue("a", 2, 0), new TopValue("c", 1, 0)], counter.Top(5));
    }

    [Fact]
    public void Frequent_values_are_found_among_many_unique_ones_with_bounds_that_hold()
    {
        var counter = new TopValueCounter(64);
        for (var i = 0; i < 200_000; i++)
        {
            Add(counter, $"unique-{i}");
            if (i % 40 == 0) Add(counter, "hot");
            if (i % 100 == 0) Add(counter, "warm");
        }

        var top = counter.Top(5);

        Assert.Equal(["hot", "warm"], top.Take(2).Select(t => t.Value));
        Assert.InRange(5_000, top[0].Count - top[0].CountError, top[0].Count);
        Assert.InRange(2_000, top[1].Count - top[1].CountError, top[1].Count);
    }

    [Fact]
    public void A_large_column_of_unique_values_reports_no_top_values_instead_of_arbitrary_ones()
    {
        var counter = new TopValueCounter(64);
        for (var i = 0; i < 100_000; i++) Add(counter, $"id-{i}");

        Assert.Empty(counter.Top(5));
    }

    private static void Add(TopValueCounter counter, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        counter.Add(StableHash.Hash(bytes), bytes);
    }
}
