using Switchboard.Skills;

namespace Switchboard.Tests.Skills;

public class ProficiencyTests
{
    [Theory]
    [InlineData(Proficiency.Lowest)]
    [InlineData(3)]
    [InlineData(Proficiency.Highest)]
    public void Constructor_WithinBounds_KeepsTheLevel(int level)
    {
        var proficiency = new Proficiency(level);

        Assert.Equal(level, proficiency.Level);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void Constructor_OutOfBounds_Throws(int level)
    {
        Action build = () => _ = new Proficiency(level);

        Assert.Throws<ArgumentOutOfRangeException>(nameof(level), build);
    }

    [Fact]
    public void AnyAndExpert_AreTheBounds()
    {
        var any = Proficiency.Any;
        var expert = Proficiency.Expert;

        Assert.Equal(1, any.Level);
        Assert.Equal(5, expert.Level);
    }

    [Fact]
    public void Comparison_HigherLevel_IsGreater()
    {
        var novice = new Proficiency(2);
        var expert = new Proficiency(4);

        Assert.True(expert > novice);
        Assert.True(novice < expert);
        Assert.True(expert >= new Proficiency(4));
        Assert.True(novice <= new Proficiency(2));
        Assert.True(expert.CompareTo(novice) > 0);
    }

    [Fact]
    public void SkillRequirement_FromStrings_BuildsSkillAndMinimum()
    {
        var requirement = new SkillRequirement("Billing ", 3);

        Assert.Equal(new SkillRequirement(new Skill("billing"), new Proficiency(3)), requirement);
    }

    [Fact]
    public void Skill_Name_IsTrimmedAndLowerCase()
    {
        var skill = new Skill("  Mortgages ");

        Assert.Equal("mortgages", skill.Name);
        Assert.Equal(new Skill("MORTGAGES"), skill);
    }
}
