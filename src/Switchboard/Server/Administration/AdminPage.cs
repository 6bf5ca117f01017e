using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Switchboard.Server.Administration;

/// <summary>What the administration pages share: the signed-in administrator, the screens' calls, and a dialog that
/// holds a form and reloads the page's list once it closes.</summary>
public abstract class AdminPage : ComponentBase
{
    [CascadingParameter]
    public Task<AuthenticationState> Authentication { get; set; } = default!;

    [Inject]
    internal AdminScreens Screens { get; set; } = default!;

    [Inject]
    internal IDialogService Dialogs { get; set; } = default!;

    // Buttons stay disabled until the circuit is up (RendererInfo.IsInteractive): in the prerendered page they would do nothing.

    /// <summary>A refusal while reading (shown instead of the list).</summary>
    protected string? Problem { get; set; }

    protected async Task<ClaimsPrincipal> UserAsync() => (await Authentication).User;

    protected override Task OnInitializedAsync() => LoadAsync();

    /// <summary>Reads the page's list.</summary>
    protected abstract Task LoadAsync();

    /// <summary>Opens <paramref name="form"/> in a dialog titled <paramref name="title"/>; reloads the list when it closes.</summary>
    protected async Task EditAsync(string title, RenderFragment<IMudDialogInstance> form)
    {
        var parameters = new DialogParameters<FormDialog> { { d => d.Form, form } };
        var dialog = await Dialogs.ShowAsync<FormDialog>(title, parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        await dialog.Result;
        await LoadAsync();
        StateHasChanged();
    }

    /// <summary>The value read, or null with <see cref="Problem"/> set.</summary>
    protected T? Read<T>(AdminOutcome<T> outcome)
        where T : class
    {
        Problem = outcome.Problem;
        return outcome.Value;
    }
}
