using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Notifications;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Account.Private;

/// <summary>What the person hears of, and when: per kind of event, immediately, in a daily or weekly digest, or never; and what they follow.</summary>
public sealed class NotificationSettingsModel(FollowCommands follows, Authorizer authorizer, ModuleCatalog modules, TimeProvider clock) : ParvisPageModel
{
    public IReadOnlyList<NotificationKind> Kinds => modules.NotificationKinds;

    [BindProperty]
    public Dictionary<string, NotificationMode> Choices { get; set; } = [];

    [BindProperty]
    public int DigestHour { get; set; }

    [BindProperty]
    public DayOfWeek WeeklyDay { get; set; }

    /// <summary>The language chosen for messages; empty for each site's own, which is what nobody chose means.</summary>
    [BindProperty]
    public string? Culture { get; set; }

    /// <summary>Whether to receive e-mail at all; news stays on the site either way.</summary>
    [BindProperty]
    public bool EmailsOn { get; set; } = true;

    public IReadOnlyList<Follow> Followed { get; private set; } = [];

    /// <summary>When the person's next daily and weekly digests leave, with the hour and day saved (empty ones are not sent).</summary>
    public (DateTimeOffset Daily, DateTimeOffset Weekly)? Next { get; private set; }

    public async Task OnGetAsync()
    {
        var person = authorizer.PersonId!.Value;
        Choices = await follows.ChoicesAsync(person);
        var settings = await follows.SettingsAsync(person);
        (DigestHour, WeeklyDay, Culture, EmailsOn) = (settings.DigestHour, settings.WeeklyDay, settings.Culture, !settings.EmailsOff);
        var now = clock.GetUtcNow();
        Next = EmailsOn ? (DigestMoments.Daily(now, DigestHour).AddDays(1), DigestMoments.Weekly(now, DigestHour, WeeklyDay).AddDays(7)) : null;
        Followed = await follows.FollowedAsync(person);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var person = authorizer.PersonId!.Value;
        if (DigestHour is < 0 or > 23)
        {
            ModelState.AddModelError(nameof(DigestHour), Text["Notify.Settings.HourInvalid"]);
        }
        if (!Enum.IsDefined(WeeklyDay))
        {
            ModelState.AddModelError(nameof(WeeklyDay), Text["Notify.Settings.DayInvalid"]);
        }
        Culture = string.IsNullOrEmpty(Culture) ? null : Culture;
        if (Culture is not null && !KernelSetup.Cultures.Any(c => c.Name == Culture))
        {
            ModelState.AddModelError(nameof(Culture), Text["Notify.Settings.LanguageInvalid"]);
        }
        if (!ModelState.IsValid)
        {
            Followed = await follows.FollowedAsync(person);
            return Page();
        }
        using var quiet = ContentChanges.ToldByCaller();
        await follows.SaveChoicesAsync(person, Choices, DigestHour, WeeklyDay, Culture, emailsOff: !EmailsOn);
        Flash("Notify.Settings.Saved");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostUnfollowAsync(Guid subjectId)
    {
        using var quiet = ContentChanges.ToldByCaller();
        await follows.StopFollowingAsync(authorizer.PersonId!.Value, subjectId);
        Flash("Notify.Follow.Stopped");
        return RedirectToPage();
    }

    /// <summary>A weekday's name in the page's language.</summary>
    public static string DayName(DayOfWeek day) => CultureInfo.CurrentCulture.DateTimeFormat.GetDayName(day);
}
