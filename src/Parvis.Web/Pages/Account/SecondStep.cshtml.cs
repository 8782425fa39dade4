using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Account;

/// <summary>
/// The second step of signing in, for people who turned on two-step verification: the six-digit code of their
/// authenticator application, or one of their recovery codes. The first step is remembered for five minutes in
/// Identity's own short-lived cookie; attempts are throttled per person.
/// </summary>
[EnableRateLimiting(RateLimits.Auth)]
public sealed class SecondStepModel(UserManager<Person> people, Throttles throttles, Sessions sessions, TimeProvider clock) : ParvisPageModel
{
    public const string Path = "/account/sign-in/second-step";
    private const string RememberClaim = "parvis:remember";

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(20, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.SecondFactorCode")]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>After the password: the person is remembered as waiting for their second factor.</summary>
    public static Task AwaitAsync(HttpContext context, Person person, bool remember)
    {
        var identity = new ClaimsIdentity(IdentityConstants.TwoFactorUserIdScheme);
        identity.AddClaim(new Claim(ClaimTypes.Name, person.Id.ToString()));
        identity.AddClaim(new Claim(RememberClaim, remember ? "1" : "0"));
        return context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(identity));
    }

    public async Task<IActionResult> OnGetAsync() => await WaitingAsync() is null ? Redirect("/account/sign-in") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await WaitingAsync() is not { } waiting)
        {
            return Redirect("/account/sign-in");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var (person, remember) = waiting;
        // Per person, whatever the address: six digits would not hold against guesses spread over many addresses.
        if (!await throttles.TryAsync(Throttles.SignIn, ThrottleKey(person), HttpContext.RequestAborted))
        {
            ModelState.AddModelError(nameof(Code), Text["Account.SecondStep.Throttled"]);
            return Page();
        }
        var right = AuthenticatorCodes.LooksLikeOne(Code)
            ? await AuthenticatorCodes.AcceptAsync(people, person, Code, clock)
            : (await people.RedeemTwoFactorRecoveryCodeAsync(person, Code.Trim())).Succeeded;
        if (!right)
        {
            ModelState.AddModelError(nameof(Code), Text["Account.SecondStep.Wrong"]);
            return Page();
        }
        await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await sessions.SignInAsync(HttpContext, person, remember, secondFactor: true);
        return LocalRedirect(LocalAddresses.Or(ReturnUrl, "/"));
    }

    /// <summary>The person's budget of codes, whatever the page they are typed on.</summary>
    public static string ThrottleKey(Person person) => $"second-step|{person.Id}";

    private async Task<(Person Person, bool Remember)?> WaitingAsync()
    {
        var result = await HttpContext.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        if (result.Principal?.FindFirstValue(ClaimTypes.Name) is not { } id || await people.FindByIdAsync(id) is not { TwoFactorEnabled: true } person)
        {
            return null;
        }
        return (person, result.Principal.FindFirstValue(RememberClaim) == "1");
    }
}
