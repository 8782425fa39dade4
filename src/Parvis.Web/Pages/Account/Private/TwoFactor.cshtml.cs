using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.People;
using Parvis.Web.Shared;
using QRCoder;

namespace Parvis.Web.Pages.Account.Private;

/// <summary>
/// Two-step verification: an authenticator application (TOTP, RFC 6238) set up by its QR code or key, and ten recovery
/// codes shown once. Open to everyone; staff roles need it to act (<see cref="PersonRules.IsStaff"/>), so
/// staff cannot turn it off.
/// </summary>
public sealed class TwoFactorModel(UserManager<Person> people, CurrentOrganisation organisation, ParvisDbContext db) : ParvisPageModel
{
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

    public async Task<IActionResult> OnPostEnableAsync()
    {
        await LoadAsync();
        if (Person.TwoFactorEnabled)
        {
            return RedirectToPage();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (!await people.VerifyTwoFactorTokenAsync(Person, people.Options.Tokens.AuthenticatorTokenProvider, Digits(Code)))
        {
            ModelState.AddModelError(nameof(Code), Text["Account.SecondStep.Wrong"]);
            return Page();
        }
        await people.SetTwoFactorEnabledAsync(Person, true);
        RecoveryCodes = [.. (await people.GenerateNewTwoFactorRecoveryCodesAsync(Person, 10))!];
        // Sessions opened with the password alone end; this one has just shown the second factor.
        var current = Sessions.IdOf(User);
        await db.PersonSessions.Where(s => s.PersonId == Person.Id && s.Id != current).ExecuteDeleteAsync();
        await Sessions.RefreshAsync(HttpContext, Person, secondFactor: true);
        Code = "";
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
        await Sessions.RefreshAsync(HttpContext, Person);
        Flash("Account.TwoFactor.Disabled");
        return RedirectToPage();
    }

    private async Task<bool> CheckCodeAsync()
    {
        if (!ModelState.IsValid)
        {
            return false;
        }
        if (await people.VerifyTwoFactorTokenAsync(Person, people.Options.Tokens.AuthenticatorTokenProvider, Digits(Code)))
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
            await people.ResetAuthenticatorKeyAsync(Person);
            // A new key changes the security stamp, which would end this very session.
            await Sessions.RefreshAsync(HttpContext, Person);
            key = await people.GetAuthenticatorKeyAsync(Person);
        }
        Key = string.Join(' ', key!.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
    }

    /// <summary>The otpauth address authenticator applications read: the organisation and the pseudonym, never the e-mail address.</summary>
    private string AuthenticatorUri()
    {
        var issuer = Uri.EscapeDataString(organisation.Value.Name);
        return $"otpauth://totp/{issuer}:{Uri.EscapeDataString(Person.Pseudonym)}?secret={Key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()}&issuer={issuer}&digits=6";
    }

    private static string Digits(string code) => code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
}
