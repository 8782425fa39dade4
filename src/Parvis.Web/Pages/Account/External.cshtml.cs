using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Email;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Account;

/// <summary>
/// Signing in with an OpenID Connect provider: back from it, a linked account is signed in (with its own second step if
/// it has one), a signed-in person links the provider to their account, and someone new chooses a pseudonym: the name
/// the provider gives is never kept nor shown. Only an address the provider vouches for makes an account, and an address
/// that already has one is not linked by itself (whoever controls a provider account must not take over a Parvis one):
/// its owner links it from their account page.
/// </summary>
[EnableRateLimiting(RateLimits.Auth)]
public sealed class ExternalModel(UserManager<Person> people, SignInManager<Person> signIn, ExternalProviders providers, Sessions sessions,
    IEmailSender email, CurrentOrganisation organisation) : ParvisPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public NewAccountInput Input { get; set; } = new();

    /// <summary>The provider someone new comes from, to name it on the page.</summary>
    public string ProviderName { get; private set; } = "";

    /// <summary>Goes to the provider, to sign in or, when signed in, to link it.</summary>
    public IActionResult OnPost(string provider)
    {
        if (providers.Find(provider) is not { } found)
        {
            return NotFound();
        }
        var linking = User.Identity?.IsAuthenticated == true ? people.GetUserId(User) : null;
        var back = $"/account/external?handler=Callback&returnUrl={Uri.EscapeDataString(LocalReturnUrl)}";
        return Challenge(signIn.ConfigureExternalAuthenticationProperties(found.Scheme, back, linking), found.Scheme);
    }

    public async Task<IActionResult> OnGetCallbackAsync()
    {
        var linking = User.Identity?.IsAuthenticated == true ? people.GetUserId(User) : null;
        if (await signIn.GetExternalLoginInfoAsync(linking) is not { } info)
        {
            return Redirect("/account/sign-in?external=failed");
        }
        if (linking is not null)
        {
            return await LinkAsync(info, linking);
        }
        if (await people.FindByLoginAsync(info.LoginProvider, info.ProviderKey) is { } person)
        {
            await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
            if (!await signIn.CanSignInAsync(person))
            {
                return Redirect("/account/sign-in?external=failed");
            }
            if (person.TwoFactorEnabled)
            {
                await SecondStepModel.AwaitAsync(HttpContext, person, remember: false);
                return LocalRedirect($"{SecondStepModel.Path}?returnUrl={Uri.EscapeDataString(LocalReturnUrl)}");
            }
            await sessions.SignInAsync(HttpContext, person, persistent: false, secondFactor: false);
            return LocalRedirect(LocalReturnUrl);
        }
        ProviderName = info.ProviderDisplayName ?? info.LoginProvider;
        return Page();
    }

    /// <summary>Someone new, back from the provider, chooses their pseudonym.</summary>
    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (await signIn.GetExternalLoginInfoAsync() is not { } info)
        {
            return Redirect("/account/sign-in?external=failed");
        }
        ProviderName = info.ProviderDisplayName ?? info.LoginProvider;
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var pseudonym = Input.Pseudonym.Trim();
        if (await people.Users.AnyAsync(p => p.Pseudonym == pseudonym))
        {
            ModelState.AddModelError("Input.Pseudonym", Text["Account.PseudonymTaken"]);
            return Page();
        }
        var email = info.Principal.FindFirstValue(ClaimTypes.Email);
        if (string.IsNullOrWhiteSpace(email))
        {
            ModelState.AddModelError("", Text["Account.External.NoEmail", ProviderName]);
            return Page();
        }
        // An address the provider does not vouch for could be someone else's: whoever registers it later would find
        // a stranger's provider account linked to theirs.
        if (!string.Equals(info.Principal.FindFirstValue("email_verified"), "true", StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError("", Text["Account.External.Unverified", ProviderName]);
            return Page();
        }
        if (await people.FindByEmailAsync(email) is not null)
        {
            ModelState.AddModelError("", Text["Account.External.AddressTaken", ProviderName]);
            return Page();
        }
        var person = new Person { UserName = email, Email = email, Pseudonym = pseudonym, EmailConfirmed = true };
        var created = await people.CreateAsync(person);
        if (created.Succeeded && !(await people.AddLoginAsync(person, info)).Succeeded)
        {
            // Nothing half-way: an account without its link could not be signed in to.
            await people.DeleteAsync(person);
            created = IdentityResult.Failed();
        }
        if (created.Errors.Any(e => e.Code == PersonStore.Taken) && await people.Users.AnyAsync(p => p.Pseudonym == pseudonym))
        {
            // Taken at the same moment by another registration.
            ModelState.AddModelError("Input.Pseudonym", Text["Account.PseudonymTaken"]);
            return Page();
        }
        if (!created.Succeeded)
        {
            ModelState.AddModelError("", Text["Account.External.Failed"]);
            return Page();
        }
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        await sessions.SignInAsync(HttpContext, person, persistent: false, secondFactor: false);
        return LocalRedirect(LocalReturnUrl);
    }

    private async Task<IActionResult> LinkAsync(ExternalLoginInfo info, string personId)
    {
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        var person = (await people.FindByIdAsync(personId))!;
        var owner = await people.FindByLoginAsync(info.LoginProvider, info.ProviderKey);
        if (owner is not null && owner.Id != person.Id)
        {
            Flash("Account.External.LinkedElsewhere", info.ProviderDisplayName ?? info.LoginProvider);
            return Redirect("/account");
        }
        if (owner is null && !(await people.AddLoginAsync(person, info)).Succeeded)
        {
            // Linked meanwhile, from another tab.
            Flash("Account.External.LinkedElsewhere", info.ProviderDisplayName ?? info.LoginProvider);
            return Redirect("/account");
        }
        if (owner is null)
        {
            await email.SendAsync(person.Email!, Text["Mail.SecurityChange.Subject"],
                Text["Mail.SecurityChange.Body", person.Pseudonym, Text["Account.External.Changed.Linked"], organisation.Link("/account")]);
        }
        Flash("Account.External.Linked", info.ProviderDisplayName ?? info.LoginProvider);
        return Redirect("/account");
    }

    private string LocalReturnUrl => LocalAddresses.Or(ReturnUrl, "/");
}

public sealed class NewAccountInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(PersonRules.PseudonymMax, MinimumLength = PersonRules.PseudonymMin, ErrorMessage = "Validation.Length")]
    [Pseudonym]
    [Display(Name = "Field.Pseudonym")]
    public string Pseudonym { get; set; } = "";
}
