using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Email;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Shared;

namespace Parvis.Web.Kernel.People;

/// <summary>
/// What registering and claiming a held account share: the password is judged before the address is looked at; an
/// address that already has an account is told so by e-mail, after the usual time, and the page answers as if a link
/// were sent; otherwise the address receives its confirmation link.
/// </summary>
public sealed class NewAddresses(UserManager<Person> people, IEmailSender email, PasswordCheck passwords, CurrentOrganisation organisation, EvenTiming timing,
    IStringLocalizer<SharedText> text)
{
    /// <summary>The first refusal of the password for this person, or success.</summary>
    public async Task<IdentityResult> JudgePasswordAsync(Person person, string password)
    {
        foreach (var validator in people.PasswordValidators)
        {
            var judged = await validator.ValidateAsync(people, person, password);
            if (!judged.Succeeded)
            {
                return judged;
            }
        }
        return IdentityResult.Success;
    }

    /// <summary>
    /// Whether the address has an account already: its owner is then told by e-mail and the caller, having waited as
    /// long as a new account takes, answers as if the link were sent.
    /// </summary>
    /// <param name="address">The address typed.</param>
    /// <param name="password">The password typed: hashed for nothing, as a new account's would be.</param>
    /// <param name="caller">Who asks, for the timing kept per page.</param>
    /// <param name="started">When the request started (Stopwatch ticks).</param>
    /// <param name="aborted">The request's cancellation.</param>
    public async Task<bool> TakenAsync(string address, string password, string caller, long started, CancellationToken aborted)
    {
        if (await people.FindByEmailAsync(address) is null)
        {
            return false;
        }
        passwords.HashForNothing(password);
        // Sent whatever happens to the request: the owner must hear of it.
        await email.SendAsync(address, text["Mail.AlreadyRegistered.Subject"], text["Mail.AlreadyRegistered.Body", organisation.Link("/account/forgot-password")], CancellationToken.None);
        await timing.WaitAsUsualAsync(caller, started, aborted);
        return true;
    }

    /// <summary>Sends the confirmation link, carrying where the person was going, and records how long the new account took.</summary>
    public async Task SendConfirmationAsync(Person person, string? returnUrl, string caller, long started)
    {
        var token = await people.GenerateEmailConfirmationTokenAsync(person);
        await email.SendAsync(person.Email!, text["Mail.Confirm.Subject"], text["Mail.Confirm.Body", person.Pseudonym, organisation.Link(AccountLinks.Confirm(person.Id, token, returnUrl))]);
        timing.Took(caller, started);
    }
}
