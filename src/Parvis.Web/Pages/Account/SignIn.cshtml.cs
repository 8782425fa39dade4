using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Account;

/// <summary>
/// Signing in says the same, in the same time, whether the address has an account or not: the password is checked
/// first, and only someone who knows it learns that the address still waits for confirmation.
/// </summary>
[EnableRateLimiting(RateLimits.Auth)]
public sealed class SignInModel(UserManager<Person> people, SignInManager<Person> signIn, PasswordCheck passwords, Throttles throttles, Sessions sessions,
    ExternalProviders providers) : ParvisPageModel
{
    public IReadOnlyList<ExternalProvider> Providers => providers.All;

    /// <summary>Back from a provider that refused or failed.</summary>
    public bool ExternalFailed => Request.Query["external"] == "failed";

    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var address = Input.Email.Trim();
        if (!await throttles.TryAsync(Throttles.SignIn, $"{address.ToUpperInvariant()}|{RateLimits.Address(HttpContext)}", HttpContext.RequestAborted))
        {
            ModelState.AddModelError("", Text["Account.SignIn.Throttled"]);
            return Page();
        }
        var person = await people.FindByEmailAsync(address);
        if (!await passwords.IsRightAsync(people, person, Input.Password))
        {
            ModelState.AddModelError("", Text["Account.SignIn.Failed"]);
            return Page();
        }
        if (!await signIn.CanSignInAsync(person!))
        {
            ModelState.AddModelError("", Text["Account.SignIn.NotConfirmed"]);
            return Page();
        }
        var returnUrl = LocalAddresses.Or(ReturnUrl, "/");
        if (person!.TwoFactorEnabled)
        {
            await SecondStepModel.AwaitAsync(HttpContext, person, Input.RememberMe);
            return LocalRedirect($"{SecondStepModel.Path}?returnUrl={Uri.EscapeDataString(returnUrl)}");
        }
        await sessions.SignInAsync(HttpContext, person, Input.RememberMe, secondFactor: false);
        return LocalRedirect(returnUrl);
    }
}

public sealed class SignInInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(254, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Email")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(200, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Password")]
    public string Password { get; set; } = "";

    /// <summary>Off by default: on a shared computer (a library, a third place), closing the browser ends the session.</summary>
    public bool RememberMe { get; set; }
}
