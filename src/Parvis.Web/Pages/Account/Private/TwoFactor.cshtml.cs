using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Email;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Shared;
using QRCoder;

namespace Parvis.Web.Pages.Account.Private;

/// <summary>
/// Two-step verification: an authenticator application (TOTP, RFC 6238) set up by its QR code or key, and ten recovery
/// codes shown once. Open to everyone; staff roles need it to act (<see cref="PersonRules.IsStaff"/>), so staff cannot
/// turn it off. Turning it on also takes a code sent to the person's address: a password alone must not let someone
/// else enrol their own authenticator (and so reach a staff role). Every change is told to the person by e-mail, and
/// codes typed here are throttled as at the second step.
/// </summary>
public sealed class TwoFactorModel(UserManager<Person> people, CurrentOrganisation organisation, ParvisDbContext db, IEmailSender email,
    Throttles throttles, IUserStore<Person> store, TimeProvider clock) : ParvisPageModel
{
    private const string EnrolmentPurpose = "two-factor-enrolment";

    public Person Person { get; private set; } = default!;

    /// <summary>The shared key, in groups of four to be typed by hand.</summary>
    public string Key { get; private set; } = "";

    public bool IsStaff { get; private set; }

    /// <summary>Shown once, right after they were made.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(20, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.SecondFactorCode")]
    public string Code { get; set; } = "";

    /// <summary>The code sent by e-mail, to turn it on.</summary>
    [BindProperty]
    [StringLength(20, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.EmailCode")]
    public string? EmailCode { get; set; }

    /// <summary>Once the e-mailed code has been sent, the form asks for it.</summary>
    public bool EmailCodeSent { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    /// <summary>The QR code of the key, for the authenticator application to read.</summary>
    public async Task<IActionResult> OnGetQrAsync()
    {
        await LoadAsync();
        if (Person.TwoFactorEnabled)
        {
            return NotFound();
        }
        using var generator = new QRCodeGenerator();
        var svg = new SvgQRCode(generator.CreateQrCode(AuthenticatorUri(), QRCodeGenerator.ECCLevel.M)).GetGraphic(6);
        Response.Headers.CacheControl = "no-store";
        return File(Encoding.UTF8.GetBytes(svg), "image/svg+xml");
    }

    /// <summary>Sends the code that proves the person reads their mailbox.</summary>
    public async Task<IActionResult> OnPostSendCodeAsync()
    {
        await LoadAsync();
        if (!Person.TwoFactorEnabled)
        {
            var code = await people.GenerateUserTokenAsync(Person, TokenOptions.DefaultEmailProvider, EnrolmentPurpose);
            await email.SendAsync(Person.Email!, Text["Mail.TwoFactorCode.Subject"], Text["Mail.TwoFactorCode.Body", Person.Pseudonym, code]);
            EmailCodeSent = true;
        }
        ModelState.Clear();
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        await LoadAsync();
        EmailCodeSent = true;
        if (Person.TwoFactorEnabled)
        {
            return RedirectToPage();
        }
        if (string.IsNullOrWhiteSpace(EmailCode))
        {
            ModelState.AddModelError(nameof(EmailCode), Text["Validation.Required", Text["Field.EmailCode"]]);
        }
        if (!ModelState.IsValid || !await ThrottledAsync())
        {
            return Page();
        }
        if (!await people.VerifyUserTokenAsync(Person, TokenOptions.DefaultEmailProvider, EnrolmentPurpose, AuthenticatorCodes.Digits(EmailCode!)))
        {
            ModelState.AddModelError(nameof(EmailCode), Text["Account.TwoFactor.EmailCodeWrong"]);
            return Page();
        }
        if (!await AuthenticatorCodes.AcceptAsync(people, Person, Code, clock))
        {
            ModelState.AddModelError(nameof(Code), Text["Account.SecondStep.Wrong"]);
            return Page();
        }
        await people.SetTwoFactorEnabledAsync(Person, true);
        RecoveryCodes = [.. (await people.GenerateNewTwoFactorRecoveryCodesAsync(Person, 10))!];
        // Sessions opened with the password alone end; this one has just shown the second factor.
        await Sessions.EndOthersAsync(db, Person.Id, Sessions.IdOf(User));
        await Sessions.RefreshAsync(HttpContext, Person, secondFactor: true);
        await TellAsync("Account.TwoFactor.Changed.On");
        Code = "";
        EmailCode = "";
        ModelState.Clear();
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        await LoadAsync();
        if (!Person.TwoFactorEnabled || !await CheckCodeAsync())
        {
            return Page();
        }
        RecoveryCodes = [.. (await people.GenerateNewTwoFactorRecoveryCodesAsync(Person, 10))!];
        await TellAsync("Account.TwoFactor.Changed.Codes");
        Code = "";
        ModelState.Clear();
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        await LoadAsync();
        if (IsStaff)
        {
            ModelState.AddModelError(nameof(Code), Text["Account.TwoFactor.StaffMustKeep"]);
            return Page();
        }
        if (!Person.TwoFactorEnabled || !await CheckCodeAsync())
        {
            return Page();
        }
        await people.SetTwoFactorEnabledAsync(Person, false);
        await people.ResetAuthenticatorKeyAsync(Person);
        await Sessions.RefreshAsync(HttpContext, Person, secondFactor: false);
        await TellAsync("Account.TwoFactor.Changed.Off");
        Flash("Account.TwoFactor.Disabled");
        return RedirectToPage();
    }

    private async Task<bool> CheckCodeAsync()
    {
        if (!ModelState.IsValid || !await ThrottledAsync())
        {
            return false;
        }
        if (await AuthenticatorCodes.AcceptAsync(people, Person, Code, clock))
        {
            return true;
        }
        ModelState.AddModelError(nameof(Code), Text["Account.SecondStep.Wrong"]);
        return false;
    }

    private async Task LoadAsync()
    {
        Person = (await people.GetUserAsync(User))!;
        IsStaff = await db.RoleAssignments.AnyAsync(r => r.PersonId == Person.Id && PersonRules.StaffRoles.Contains(r.Role));
        if (Person.TwoFactorEnabled)
        {
            return;
        }
        var key = await people.GetAuthenticatorKeyAsync(Person);
        if (string.IsNullOrEmpty(key))
        {
            // Through the store: Identity's own reset changes the security stamp, which would sign the person out
            // everywhere else for merely opening this page.
            key = people.GenerateNewAuthenticatorKey();
            await ((IUserAuthenticatorKeyStore<Person>)store).SetAuthenticatorKeyAsync(Person, key, HttpContext.RequestAborted);
            await people.UpdateAsync(Person);
        }
        Key = string.Join(' ', key!.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
    }

    /// <summary>The otpauth address authenticator applications read: the organisation and the pseudonym, never the e-mail address.</summary>
    private string AuthenticatorUri()
    {
        var issuer = Uri.EscapeDataString(organisation.Value.Name);
        return $"otpauth://totp/{issuer}:{Uri.EscapeDataString(Person.Pseudonym)}?secret={Key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()}&issuer={issuer}&digits=6";
    }

    /// <summary>Codes typed here count with those of the second step: one budget per person.</summary>
    private async Task<bool> ThrottledAsync()
    {
        if (await throttles.TryAsync(Throttles.SignIn, SecondStepModel.ThrottleKey(Person), HttpContext.RequestAborted))
        {
            return true;
        }
        ModelState.AddModelError(nameof(Code), Text["Account.SecondStep.Throttled"]);
        return false;
    }

    /// <summary>Whoever holds the mailbox learns of every change, should it not be theirs.</summary>
    private Task TellAsync(string change) =>
        email.SendAsync(Person.Email!, Text["Mail.SecurityChange.Subject"], Text["Mail.SecurityChange.Body", Person.Pseudonym, Text[change], organisation.Link("/account")]);
}
