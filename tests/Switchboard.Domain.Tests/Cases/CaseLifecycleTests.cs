using CsCheck;
using Switchboard.Cases;

namespace Switchboard.Tests.Cases;

public class CaseLifecycleTests
{
    [Theory]
    [InlineData(CaseStatus.Open, CaseStep.AgentReplied, CaseStatus.PendingCustomer)]
    [InlineData(CaseStatus.PendingCustomer, CaseStep.CustomerWrote, CaseStatus.Open)]
    [InlineData(CaseStatus.Open, CaseStep.CustomerWrote, CaseStatus.Open)]
    [InlineData(CaseStatus.Solved, CaseStep.CustomerWrote, CaseStatus.Open)]
    [InlineData(CaseStatus.Open, CaseStep.Solve, CaseStatus.Solved)]
    [InlineData(CaseStatus.PendingCustomer, CaseStep.Solve, CaseStatus.Solved)]
    [InlineData(CaseStatus.Solved, CaseStep.AgentReplied, CaseStatus.Solved)]
    [InlineData(CaseStatus.Solved, CaseStep.Close, CaseStatus.Closed)]
    public void Next_AllowedStep_Moves(CaseStatus from, CaseStep step, CaseStatus to)
    {
        Assert.Equal(new CaseChange.Moved(to), CaseLifecycle.Next(from, step));
    }

    [Theory]
    [InlineData(CaseStatus.Open, CaseStep.Close)]
    [InlineData(CaseStatus.PendingCustomer, CaseStep.Close)]
    [InlineData(CaseStatus.Solved, CaseStep.Solve)]
    [InlineData(CaseStatus.Closed, CaseStep.CustomerWrote)]
    [InlineData(CaseStatus.Closed, CaseStep.AgentReplied)]
    [InlineData(CaseStatus.Closed, CaseStep.Solve)]
    [InlineData(CaseStatus.Closed, CaseStep.Close)]
    public void Next_RefusedStep_SaysWhy(CaseStatus from, CaseStep step)
    {
        var change = CaseLifecycle.Next(from, step);

        Assert.IsType<CaseChange.Refused>(change);
    }

    [Fact]
    public void Next_AnySequence_OnlyACustomerWritingOpensAndNothingLeavesClosed()
    {
        Gen.Enum<CaseStep>().List[1, 30].Sample(steps =>
        {
            var status = CaseStatus.Open;
            foreach (var step in steps)
            {
                var before = status;
                if (CaseLifecycle.Next(status, step) is CaseChange.Moved moved)
                {
                    status = moved.Status;
                }

                Assert.False(before == CaseStatus.Closed && status != CaseStatus.Closed);
                Assert.False(before != CaseStatus.Open && status == CaseStatus.Open && step != CaseStep.CustomerWrote);
            }
        });
    }
}
