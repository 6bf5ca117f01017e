using Switchboard.Kpis;

namespace Switchboard.Tests.Kpis;

public class KpiCatalogueTests
{
    [Fact]
    public void Catalogue_EveryKpi_IsDocumentedInTheKpiCatalogue()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "kpi-catalogue.md"));

        var missing = KpiCatalogue.All.Where(k => !doc.Contains("`" + k.Id.Name + "`", StringComparison.Ordinal)).Select(k => k.Id.Name);

        Assert.Empty(missing);
    }

    [Fact]
    public void Catalogue_Ids_AreUnique() =>
        Assert.Equal(KpiCatalogue.All.Count, KpiCatalogue.All.Select(k => k.Id).Distinct().Count());

    [Fact]
    public void Compute_EveryKpiOfTheCatalogue_HasAFormula()
    {
        var figures = KpiFigures.Compute(new KpiTally(KpiMethodSet.Defaults), KpiMethodSet.Defaults);

        Assert.Equal(KpiCatalogue.All.Select(k => k.Id), figures.Select(f => f.Kpi));
    }

    [Theory]
    [InlineData(0.81, 0.8, true)]
    [InlineData(0.79, 0.8, false)]
    public void Meets_Floor_HigherIsBetter(double value, double target, bool meets) =>
        Assert.Equal(meets, KpiCatalogue.Find(KpiCatalogue.ServiceLevel)!.Meets(value, target));

    [Fact]
    public void Meets_Ceiling_LowerIsBetter() =>
        Assert.Equal(true, KpiCatalogue.Find(KpiCatalogue.AbandonmentRate)!.Meets(0.04, 0.05));

    [Fact]
    public void Method_VersionZero_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new KpiMethod(KpiCatalogue.ServiceLevel, 0, new KpiParameters()));

    [Fact]
    public void Parameters_NegativeThreshold_NamesTheField() =>
        Assert.Equal("answerThreshold", new KpiParameters { AnswerThreshold = TimeSpan.FromSeconds(-1) }.Problem()?.Field);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Switchboard.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Not inside the repository.");
    }
}
