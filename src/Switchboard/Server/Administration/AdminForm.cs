using Microsoft.AspNetCore.Components;

namespace Switchboard.Server.Administration;

/// <summary>
/// What every administration form shares: it edits a draft, saves it through <see cref="Save"/> (the API's handlers),
/// and shows the API's messages beside the fields they name; messages for no field on the form go in a summary, so none
/// is lost. A 409 says the record changed meanwhile and asks to reload.
/// </summary>
public abstract class AdminForm<TDraft> : ComponentBase
    where TDraft : class
{
    private readonly HashSet<string> shown = new(StringComparer.OrdinalIgnoreCase);

    [Parameter, EditorRequired]
    public TDraft Draft { get; set; } = default!;

    /// <summary>Saves the draft; the outcome's errors and problem are shown on the form.</summary>
    [Parameter, EditorRequired]
    public Func<TDraft, Task<AdminOutcome>> Save { get; set; } = default!;

    /// <summary>Called once a save has worked.</summary>
    [Parameter]
    public EventCallback OnSaved { get; set; }

    [Parameter]
    public EventCallback OnCancel { get; set; }

    protected AdminOutcome? Outcome { get; private set; }

    protected bool Saving { get; private set; }

    /// <summary>The message for one API field key (shown next to its field); null when there is none.</summary>
    protected string? ErrorOf(string field)
    {
        shown.Add(field);
        return Outcome?.ErrorOf(field);
    }

    protected bool Has(string field) => ErrorOf(field) is not null;

    /// <summary>Messages for fields the form has not shown (checked after the fields are rendered).</summary>
    protected IEnumerable<string> OtherErrors() =>
        Outcome?.Errors.Where(e => !shown.Contains(e.Key)).SelectMany(e => e.Value) ?? [];

    protected async Task SubmitAsync()
    {
        Saving = true;
        try
        {
            shown.Clear();
            Outcome = await Save(Draft);
        }
        finally
        {
            Saving = false;
        }

        if (Outcome.Succeeded)
        {
            await OnSaved.InvokeAsync();
        }
    }
}
