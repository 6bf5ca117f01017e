using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Switchboard.Persistence.Security;

namespace Switchboard.Server.Security;

/// <summary>
/// Sign-in for people: password (hashed by Identity, locked out after repeated failures), an optional TOTP second
/// factor, a cookie. Browser forms send the antiforgery token the <c>antiforgery</c> endpoint hands out.
/// </summary>
internal static class AuthApi
{
    public const string SignInLimit = "sign-in";

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/auth").WithTags("Sign-in");
        group.MapPost("/sign-in", SignIn).AllowAnonymous().RequireRateLimiting(SignInLimit);
        group.MapPost("/sign-in/two-factor", SignInTwoFactor).AllowAnonymous().RequireRateLimiting(SignInLimit);
        group.MapPost("/sign-out", SignOut).RequireAuthorization(Policies.SignedIn);
        group.MapGet("/me", Me).RequireAuthorization(Policies.SignedIn);
        group.MapGet("/antiforgery", Antiforgery).AllowAnonymous();
        group.MapPost("/two-factor/setup", SetUpTwoFactor).RequireAuthorization(Policies.SignedIn);
        group.MapPost("/two-factor/enable", EnableTwoFactor).RequireAuthorization(Policies.SignedIn).RequireRateLimiting(SignInLimit);
        group.MapPost("/two-factor/disable", DisableTwoFactor).RequireAuthorization(Policies.SignedIn);
        group.MapPost("/password", ChangePassword).RequireAuthorization(Policies.SignedIn).RequireRateLimiting(SignInLimit);
    }

    public sealed record SignInRequest([property: Required, EmailAddress, StringLength(256)] string Email, [property: Required, StringLength(200)] string Password, bool RememberMe);

    public sealed record TwoFactorRequest([property: Required, StringLength(10, MinimumLength = 6)] string Code, bool RememberMe);

    public sealed record CodeRequest([property: Required, StringLength(10, MinimumLength = 6)] string Code);

    public sealed record PasswordChange([property: Required, StringLength(200)] string Current, [property: Required, StringLength(200)] string New);

    public sealed record SignedIn(bool TwoFactorRequired, UserSummary? User);

    public sealed record UserSummary(Guid Id, string Email, IReadOnlyList<string> Roles, string? Client, string? Agent, bool TwoFactorEnabled);

    public sealed record TwoFactorSetup(string SharedKey, string AuthenticatorUri);

    public sealed record AntiforgeryToken(string HeaderName, string Token);

    public static async Task<Results<Ok<SignedIn>, ProblemHttpResult>> SignIn(SignInRequest request, SignInManager<SwitchboardUser> signIn)
    {
        var result = await signIn.PasswordSignInAsync(request.Email, request.Password, request.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            var user = await signIn.UserManager.FindByEmailAsync(request.Email);
            return TypedResults.Ok(new SignedIn(false, await SummaryAsync(signIn.UserManager, user!)));
        }

        if (result.RequiresTwoFactor)
        {
            return TypedResults.Ok(new SignedIn(true, null));
        }

        return result.IsLockedOut
            ? TypedResults.Problem(statusCode: StatusCodes.Status423Locked, title: "Locked out",
                detail: "Too many failed sign-ins: the account is locked for a while. Try again later or ask an administrator.")
            : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: "Wrong e-mail address or password.");
    }

    public static async Task<Results<Ok<SignedIn>, ProblemHttpResult>> SignInTwoFactor(TwoFactorRequest request, SignInManager<SwitchboardUser> signIn)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: "Sign in with your password first.");
        }

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(Normalise(request.Code), request.RememberMe, rememberClient: false);
        if (result.Succeeded)
        {
            return TypedResults.Ok(new SignedIn(false, await SummaryAsync(signIn.UserManager, user)));
        }

        return result.IsLockedOut
            ? TypedResults.Problem(statusCode: StatusCodes.Status423Locked, title: "Locked out", detail: "Too many failed codes: the account is locked for a while.")
            : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: "Wrong code.");
    }

    public static async Task<NoContent> SignOut(SignInManager<SwitchboardUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<UserSummary>, ProblemHttpResult>> Me(ClaimsPrincipal principal, UserManager<SwitchboardUser> users) =>
        await users.GetUserAsync(principal) is { } user
            ? TypedResults.Ok(await SummaryAsync(users, user))
            : Problems.NotFound("No such user.");

    public static Ok<AntiforgeryToken> Antiforgery(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return TypedResults.Ok(new AntiforgeryToken(tokens.HeaderName ?? CsrfProtection.HeaderName, tokens.RequestToken ?? ""));
    }

    public static async Task<Results<Ok<TwoFactorSetup>, ProblemHttpResult>> SetUpTwoFactor(ClaimsPrincipal principal, UserManager<SwitchboardUser> users)
    {
        if (await users.GetUserAsync(principal) is not { } user)
        {
            return Problems.NotFound("No such user.");
        }

        await users.ResetAuthenticatorKeyAsync(user);
        var key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key was made.");
        var uri = string.Format(CultureInfo.InvariantCulture, "otpauth://totp/{0}:{1}?secret={2}&issuer={0}&digits=6",
            UrlEncoder.Default.Encode("Switchboard"), UrlEncoder.Default.Encode(user.Email ?? user.Id.ToString()), key);
        return TypedResults.Ok(new TwoFactorSetup(key, uri));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> EnableTwoFactor(CodeRequest request, ClaimsPrincipal principal, UserManager<SwitchboardUser> users)
    {
        if (await users.GetUserAsync(principal) is not { } user)
        {
            return Problems.NotFound("No such user.");
        }

        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Normalise(request.Code)))
        {
            return Problems.Invalid("The code does not match: check the authenticator app's clock and the key.");
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DisableTwoFactor(ClaimsPrincipal principal, UserManager<SwitchboardUser> users)
    {
        if (await users.GetUserAsync(principal) is not { } user)
        {
            return Problems.NotFound("No such user.");
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangePassword(
        PasswordChange request, ClaimsPrincipal principal, UserManager<SwitchboardUser> users, SignInManager<SwitchboardUser> signIn)
    {
        if (await users.GetUserAsync(principal) is not { } user)
        {
            return Problems.NotFound("No such user.");
        }

        var changed = await users.ChangePasswordAsync(user, request.Current, request.New);
        if (!changed.Succeeded)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["password"] = [.. changed.Errors.Select(e => e.Description)] });
        }

        await signIn.RefreshSignInAsync(user);
        return TypedResults.NoContent();
    }

    public static async Task<UserSummary> SummaryAsync(UserManager<SwitchboardUser> users, SwitchboardUser user) =>
        new(user.Id, user.Email ?? "", [.. await users.GetRolesAsync(user)], user.Client, user.Agent, user.TwoFactorEnabled);

    private static string Normalise(string code) => code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
}
