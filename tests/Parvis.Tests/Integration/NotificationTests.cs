using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Notifications;
using Parvis.Web.Kernel.People;

namespace Parvis.Tests.Integration;

[Trait("Suite", "integration")]
public sealed class NotificationTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    private Task<Guid> ProposeAsync(Session session, string title) => ProposalForms.ProposeAsync(session, app.World.ProcessSlug, title, app.World.ThemeId);

    private static Task<string> CommentAsync(Session session, Guid proposalId, string body, string? parentId = null) =>
        ProposalForms.CommentAsync(session, proposalId, body, parentId);

    private List<MimeMessage> MessagesTo(Person person) =>
        [.. app.Mail.Messages.Where(m => m.To.Mailboxes.Any(b => b.Address.Equals(person.Email, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>A message's items as its plain part reads: each heading, then its lines.</summary>
    private static List<string> Items(MimeMessage message) =>
        [.. (message.TextBody ?? "").Split('\n').Where(l => l.StartsWith("## ", StringComparison.Ordinal) || l.StartsWith("- ", StringComparison.Ordinal))];

    private Task ChooseAsync(Person person, NotificationMode mode, int? hour = null) => app.WithDatabaseAsync(async db =>
    {
        var kinds = app.Services.GetRequiredService<ModuleCatalog>().NotificationKinds;
        db.NotificationChoices.AddRange(kinds.Select(k => new NotificationChoice { PersonId = person.Id, Kind = k.Key, Mode = mode }));
        if (hour is not null)
        {
            db.NotificationSettings.Add(new NotificationSettings { PersonId = person.Id, DigestHour = hour.Value });
        }
        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Every_declared_event_reaches_a_digest_reader_exactly_as_an_immediate_reader()
    {
        var immediate = await app.CreatePersonAsync("Lectrice immédiate");
        var digest = await app.CreatePersonAsync("Lecteur du soir");
        // The digest's hour is the next one: nothing is due now, and it is due once the clock passes it.
        var nextHour = (TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), TimeZoneInfo.Local).Hour + 1) % 24;
        await ChooseAsync(immediate, NotificationMode.Immediately);
        await ChooseAsync(digest, NotificationMode.Daily, nextHour);
        var kinds = app.Services.GetRequiredService<ModuleCatalog>().NotificationKinds;
        Assert.Contains(kinds, k => k.Key == KernelNotifications.FateDecided.Key);
        Assert.True(kinds.Count > KernelNotifications.All.Count, "No module declares an event.");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParvisDbContext>();
            foreach (var person in new[] { immediate, digest })
            {
                db.Follows.Add(new Follow
                {
                    PersonId = person.Id, OrganisationId = app.World.OrganisationId, SubjectId = app.World.ProcessId, Kind = FollowedKind.Process,
                    Following = true, Title = "Démarche", Address = "/processes/" + app.World.ProcessSlug,
                });
            }
            await db.SaveChangesAsync();
            var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
            foreach (var kind in kinds)
            {
                Assert.Equal(2, await notifier.RaiseAsync(new Notice(kind, app.World.OrganisationId, app.World.ProcessId, Guid.NewGuid(),
                    "Sujet " + kind.Key, "/processes/" + app.World.ProcessSlug, "premier argument", "second argument", "troisième argument")
                { ToProcessFollowers = true }));
            }
            await db.SaveChangesAsync();
        }

        await app.DispatchAsync();
        var toImmediate = Assert.Single(MessagesTo(immediate));
        Assert.Empty(MessagesTo(digest));

        app.Clock.Advance(TimeSpan.FromMinutes(61));
        try
        {
            await app.DispatchAsync();
            var toDigest = Assert.Single(MessagesTo(digest));
            var read = Items(toImmediate);
            Assert.Equal(read, Items(toDigest));
            // One heading per kind, each with its sentence written out: no text key left untranslated.
            Assert.Equal(kinds.Count, read.Count(l => l.StartsWith("## ", StringComparison.Ordinal)));
            Assert.All(kinds, k => Assert.Contains("## Sujet " + k.Key, read));
            Assert.DoesNotContain(read, l => l.Contains("Notify.", StringComparison.Ordinal));
            foreach (var message in new[] { toImmediate, toDigest })
            {
                Assert.Contains("lang=\"fr\"", message.HtmlBody, StringComparison.Ordinal);
                Assert.Equal(kinds.Count, message.HtmlBody!.Split("<h2>").Length - 1);
                Assert.Contains("/unfollow?t=", message.Headers[HeaderId.ListUnsubscribe] ?? "", StringComparison.Ordinal);
                Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
            }
            Assert.Contains("résumé", toDigest.Subject, StringComparison.Ordinal);

            // Nothing is sent twice, and a digest with nothing in it is never sent.
            await app.DispatchAsync();
            app.Clock.Advance(TimeSpan.FromDays(1));
            await app.DispatchAsync();
            Assert.Single(MessagesTo(immediate));
            Assert.Single(MessagesTo(digest));
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task An_author_hears_of_the_fate_at_once_reads_the_rest_on_the_site_and_stops_with_one_link()
    {
        var (author, authorPerson) = await app.SignedInAsync("Autrice suivie");
        var (commenter, commenterPerson) = await app.SignedInAsync("Commentateur");
        var (analyst, _) = await app.SignedInAsync("Analyste des suites", Role.Analyst);
        var id = await ProposeAsync(author, "Des bancs sur la place");
        var first = await CommentAsync(commenter, id, "Oui, et à l'ombre.");
        await CommentAsync(author, id, "Merci, c'est noté.", first);
        var decided = await analyst.PostAsync($"/contributions/{id}", new Dictionary<string, string>
        {
            ["Fate"] = "Answered", ["Explanation"] = "Les bancs seront posés au printemps.", ["SynthesisItemId"] = "", ["MergedIntoId"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, decided.Status);

        await app.DispatchAsync();
        // The fate goes at once; comments wait for the evening digest (their default); nobody hears of their own act.
        var message = Assert.Single(MessagesTo(authorPerson));
        Assert.Contains("Des bancs sur la place", message.Subject, StringComparison.Ordinal);
        Assert.Equal(new[] { "## Des bancs sur la place", "- Suite donnée\u00a0: Réponse apportée. «\u00a0Les bancs seront posés au printemps.\u00a0»" }, Items(message));
        Assert.Empty(MessagesTo(commenterPerson));

        // On the site, the same item holds everything: the fate first, then the comment, told in full as it is a reply to the commenter.
        var news = await author.GetAsync("/account/notifications");
        Assert.Equal(new[] { "Des bancs sur la place" }, news.Texts(".notification-list > li h2 a"));
        Assert.StartsWith("Suite donnée", news.Texts(".notification-list > li li").First(), StringComparison.Ordinal);
        Assert.Contains("Oui, et à l'ombre.", news.Text(".notification-list"), StringComparison.Ordinal);
        var theirs = await commenter.GetAsync("/account/notifications");
        Assert.Contains("Merci, c'est noté.", theirs.Text(".notification-list"), StringComparison.Ordinal);
        Assert.DoesNotContain("Oui, et à l'ombre.", theirs.Text(".notification-list"), StringComparison.Ordinal);

        // The link in the message asks first, so a mail scanner following it changes nothing; the button stops the item.
        var unfollow = new Uri(message.TextBody!.Split('\n').First(l => l.Contains("/unfollow?t=", StringComparison.Ordinal)).Split(": ")[^1].Trim());
        using var visitor = app.NewSession();
        var asked = await visitor.GetAsync(unfollow.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, asked.Status);
        Assert.Contains("Des bancs sur la place", asked.Text("main"), StringComparison.Ordinal);
        var token = System.Web.HttpUtility.ParseQueryString(unfollow.Query)["t"]!;
        async Task<string> ButtonAsync() => (await author.GetAsync($"/proposals/{id}")).Document.QuerySelector("form.follow button")!.TextContent;
        Assert.StartsWith("Ne plus suivre", await ButtonAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await visitor.PostRawAsync("/unfollow", new Dictionary<string, string> { ["t"] = token })).Status);
        // The author's own pages say so at once, though the link was followed without their session.
        Assert.StartsWith("Suivre", await ButtonAsync(), StringComparison.Ordinal);
        await CommentAsync(commenter, id, "Et des fontaines ?");
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.Notifications.CountAsync(n => n.PersonId == authorPerson.Id
            && db.NotificationEvents.Any(e => e.Id == n.EventId && e.Arguments.Contains("fontaines")))));

        // A changed link is refused.
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/unfollow?t=" + token[..^4] + "AAAA")).Status);
    }

    [Fact]
    public async Task Who_never_chose_a_language_hears_in_the_organisation_s_even_once_their_settings_are_kept()
    {
        var (author, authorPerson) = await app.SignedInAsync("Autrice d'un site anglais");
        var (analyst, _) = await app.SignedInAsync("Analyste du site anglais", Role.Analyst);
        var (admin, _) = await app.SignedInAsync("Administratrice du site anglais", Role.Administrator);
        var id = await ProposeAsync(author, "Des tables de pique-nique");
        async Task SpeakAsync(string culture)
        {
            var form = (await admin.GetAsync("/admin/organisation")).Fields("main form[method=post]").Where(f => f.Key is not ("Input.DefaultCulture" or "Change.Reason"));
            Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync("/admin/organisation",
                [.. form, new("Input.DefaultCulture", culture), new("Change.Reason", "Le site change de langue pour un essai.")])).Status);
        }
        await SpeakAsync("en");
        try
        {
            // A daily digest went (its moment is kept): their settings are kept, with no language chosen.
            await app.WithDatabaseAsync(db =>
            {
                db.NotificationSettings.Add(new NotificationSettings { PersonId = authorPerson.Id, LastDailyAt = DateTimeOffset.UtcNow.AddDays(-1) });
                return db.SaveChangesAsync();
            });
            // The page offers each site's language, chosen as long as they choose none; saving other settings keeps it so.
            var settings = await author.GetAsync("/account/notifications/settings");
            Assert.Equal("", settings.Document.QuerySelector("#Culture option[selected]")?.GetAttribute("value"));
            Assert.Equal(HttpStatusCode.Redirect, (await author.PostAsync("/account/notifications/settings", settings.Fields("main form[method=post]:has(#Culture)"))).Status);
            Assert.Null(await app.WithDatabaseAsync(db => db.NotificationSettings.Where(s => s.PersonId == authorPerson.Id).Select(s => s.Culture).SingleAsync()));
            Assert.Equal(HttpStatusCode.Redirect, (await analyst.PostAsync($"/contributions/{id}", new Dictionary<string, string>
            {
                ["Fate"] = "Answered", ["Explanation"] = "Les tables seront posées en juin.", ["SynthesisItemId"] = "", ["MergedIntoId"] = "",
            })).Status);
            await app.DispatchAsync();
            var message = Assert.Single(MessagesTo(authorPerson));
            Assert.StartsWith("- Outcome:", Items(message)[1], StringComparison.Ordinal);
        }
        finally
        {
            await SpeakAsync("fr");
        }
    }

    [Fact]
    public async Task A_reply_is_told_in_full_and_the_rest_of_a_busy_proposal_counted()
    {
        var (author, _) = await app.SignedInAsync("Autrice d'une proposition animée");
        var id = await ProposeAsync(author, "Un marché le soir");
        var mine = await CommentAsync(author, id, "Le jeudi serait idéal.");
        var (replier, _) = await app.SignedInAsync("Personne qui répond");
        await CommentAsync(replier, id, "Le jeudi, il y a déjà le cinéma.", mine);
        foreach (var (name, words) in new[] { ("Commerçante du soir", "Avec des producteurs locaux."), ("Riverain du marché", "Pas trop tard, pour le bruit."), ("Musicienne", "Et un peu de musique.") })
        {
            var (other, _) = await app.SignedInAsync(name);
            await CommentAsync(other, id, words);
        }
        var news = (await author.GetAsync("/account/notifications")).Text(".notification-list");
        Assert.Contains("il y a déjà le cinéma", news, StringComparison.Ordinal);
        Assert.Contains("3 nouveaux commentaires", news, StringComparison.Ordinal);
        Assert.DoesNotContain("producteurs locaux", news, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Choices_are_checked_kept_and_one_click_stops_everything()
    {
        var (session, person) = await app.SignedInAsync("Personne qui choisit");
        var page = await session.GetAsync("/account/notifications/settings");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var refused = await session.PostAsync("/account/notifications/settings", new Dictionary<string, string>
        {
            ["Choices[proposals.comment]"] = "Weekly", ["DigestHour"] = "27", ["WeeklyDay"] = "Friday", ["Culture"] = "en",
        });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("Choisissez une heure entre 0\u00a0h et 23\u00a0h.", refused.Text("main"), StringComparison.Ordinal);
        Assert.Equal("checked", refused.Document.QuerySelector("#proposals-comment-Weekly")?.GetAttribute("checked"));
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.NotificationChoices.CountAsync(c => c.PersonId == person.Id)));

        var saved = await session.PostAsync("/account/notifications/settings", new Dictionary<string, string>
        {
            ["Choices[proposals.comment]"] = "Weekly", ["Choices[fate.decided]"] = "Immediately", ["DigestHour"] = "7", ["WeeklyDay"] = "Friday", ["Culture"] = "en",
            ["EmailsOn"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var kept = await app.WithDatabaseAsync(async db => (
            await db.NotificationChoices.Where(c => c.PersonId == person.Id).ToDictionaryAsync(c => c.Kind, c => c.Mode),
            await db.NotificationSettings.FirstAsync(s => s.PersonId == person.Id)));
        // Only what differs from the defaults is kept.
        Assert.Equal(new Dictionary<string, NotificationMode> { ["proposals.comment"] = NotificationMode.Weekly }, kept.Item1);
        Assert.Equal((7, DayOfWeek.Friday, "en"), (kept.Item2.DigestHour, kept.Item2.WeeklyDay, kept.Item2.Culture));
        // The page says when the next digests leave, with these settings.
        var next = (await session.GetAsync("/account/notifications/settings")).Text("fieldset p.hint");
        Assert.Contains("07:00", next, StringComparison.Ordinal);
        Assert.Contains("vendredi", next, StringComparison.Ordinal);

        // A mail program's one-click unsubscription posts the link without a form token.
        var stop = await app.WithDatabaseAsync(db => Task.FromResult(ActivatorUtilities.CreateInstance<NotificationLinks>(app.Services, db).StopAll(person.Id)));
        using var mailer = app.NewSession();
        var token = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + stop).Query)["t"]!;
        Assert.Equal(HttpStatusCode.OK, (await mailer.PostRawAsync("/unfollow?t=" + Uri.EscapeDataString(token), new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" })).Status);
        // Every message stops, those of kinds added later too; the choices stay for the day they turn e-mail on again.
        Assert.True(await app.WithDatabaseAsync(db => db.NotificationSettings.Where(s => s.PersonId == person.Id).Select(s => s.EmailsOff).SingleAsync()));
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.NotificationChoices.CountAsync(c => c.PersonId == person.Id)));
        Assert.False((await session.GetAsync("/account/notifications/settings")).Document.QuerySelector("#EmailsOn")!.HasAttribute("checked"));

        // A message's links outlive an account that was erased: followed then, they stop nothing and fail nothing.
        var gone = Guid.NewGuid();
        var item = await ProposeAsync(session, "Un abri pour les vélos");
        await CommentAsync(session, item, "Couvert, si possible.");
        Assert.True(await app.WithDatabaseAsync(db => db.NotificationEvents.AnyAsync(e => e.ItemId == item)));
        foreach (var link in await app.WithDatabaseAsync(db =>
        {
            var links = ActivatorUtilities.CreateInstance<NotificationLinks>(app.Services, db);
            return Task.FromResult(new[] { links.StopAll(gone), links.Unfollow(gone, item) });
        }))
        {
            Assert.Equal(HttpStatusCode.OK, (await mailer.PostRawAsync(link, new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" })).Status);
        }
        Assert.False(await app.WithDatabaseAsync(db => db.NotificationSettings.AnyAsync(s => s.PersonId == gone)));
        Assert.False(await app.WithDatabaseAsync(db => db.Follows.AnyAsync(f => f.PersonId == gone)));
    }

    [Fact]
    public async Task Feeds_tell_a_process_s_news_without_an_account_and_nothing_hidden_stays_anywhere()
    {
        var (author, authorPerson) = await app.SignedInAsync("Autrice du fil");
        var (commenter, _) = await app.SignedInAsync("Commentatrice du fil");
        var (analyst, _) = await app.SignedInAsync("Analyste du fil", Role.Analyst);
        var id = await ProposeAsync(author, "Une bibliothèque ouverte le dimanche");
        var comment = Guid.Parse(await CommentAsync(commenter, id, "Avec des jeux pour les enfants."));
        Assert.Equal(HttpStatusCode.Redirect, (await analyst.PostAsync($"/contributions/{id}", new Dictionary<string, string>
        {
            // Pasted from a word processor with a vertical tab, which XML cannot hold: the feed leaves it out.
            ["Fate"] = "Answered", ["Explanation"] = "Essai d'ouverture dès\u000B janvier.", ["SynthesisItemId"] = "", ["MergedIntoId"] = "",
        })).Status);

        using var visitor = app.NewSession();
        var page = await visitor.GetAsync($"/processes/{app.World.ProcessSlug}");
        Assert.NotNull(page.Document.QuerySelector($"head link[rel=alternate][type='application/atom+xml'][href='/processes/{app.World.ProcessSlug}/feed.atom']"));
        var feed = await ReadFeedAsync(visitor, $"/processes/{app.World.ProcessSlug}/feed.atom");
        var entry = Assert.Single(feed.Items, i => i.Title.Text == "Une bibliothèque ouverte le dimanche");
        Assert.Contains("Essai d'ouverture dès janvier.", ((TextSyndicationContent)entry.Content).Text, StringComparison.Ordinal);
        Assert.EndsWith($"/proposals/{id}", entry.Links[0].Uri.AbsoluteUri, StringComparison.Ordinal);
        // Comments are for those who follow, not for the public feed; the theme's feed holds what the organisation's does for it.
        Assert.DoesNotContain(feed.Items, i => ((TextSyndicationContent)i.Content).Text.Contains("jeux pour les enfants", StringComparison.Ordinal));
        Assert.Contains((await ReadFeedAsync(visitor, "/feed.atom")).Items, i => i.Id == entry.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/processes/{app.World.ProcessSlug}/feed.atom?theme={Guid.NewGuid()}")).Status);

        // The author reads the comment among their news; once moderation hides it, it is gone from there and never sent.
        Assert.Contains("Avec des jeux pour les enfants.", (await author.GetAsync("/account/notifications")).Text(".notification-list"), StringComparison.Ordinal);
        await app.WithDatabaseAsync(db => db.Contributions.Where(c => c.Id == comment)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.HiddenAt, DateTimeOffset.UtcNow).SetProperty(c => c.HiddenReason, "Hors charte")));
        Assert.DoesNotContain("Avec des jeux pour les enfants.", (await author.GetAsync("/account/notifications")).Text("main"), StringComparison.Ordinal);
        await app.DispatchAsync();
        Assert.DoesNotContain(MessagesTo(authorPerson), m => m.TextBody?.Contains("jeux pour les enfants", StringComparison.Ordinal) == true);
        Assert.Equal(MailState.NotSent, await app.WithDatabaseAsync(db => db.Notifications
            .Where(n => n.PersonId == authorPerson.Id && db.NotificationEvents.Any(e => e.Id == n.EventId && e.SourceId == comment)).Select(n => n.Mail).SingleAsync()));

        // Another comment's fate is in the feed, quoting it.
        var second = Guid.Parse(await CommentAsync(commenter, id, "Et une boîte à livres devant."));
        Assert.Equal(HttpStatusCode.Redirect, (await analyst.PostAsync($"/contributions/{second}", new Dictionary<string, string>
        {
            ["Fate"] = "Answered", ["Explanation"] = "La boîte sera posée au printemps.", ["SynthesisItemId"] = "", ["MergedIntoId"] = "",
        })).Status);
        static bool Quotes(SyndicationItem item) => ((TextSyndicationContent)item.Content).Text.Contains("boîte sera posée", StringComparison.Ordinal);
        Assert.Contains((await ReadFeedAsync(visitor, $"/processes/{app.World.ProcessSlug}/feed.atom")).Items, Quotes);

        // A hidden proposal leaves the feeds with its fates, and with those of the comments read under it.
        await app.WithDatabaseAsync(db => db.Contributions.Where(c => c.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.HiddenAt, DateTimeOffset.UtcNow).SetProperty(c => c.HiddenReason, "Hors charte")));
        var after = await ReadFeedAsync(visitor, $"/processes/{app.World.ProcessSlug}/feed.atom");
        Assert.DoesNotContain(after.Items, i => i.Id == entry.Id);
        Assert.DoesNotContain(after.Items, Quotes);
    }

    [Fact]
    public async Task Who_follows_a_theme_hears_of_what_is_said_there_and_nothing_elsewhere()
    {
        var (follower, followerPerson) = await app.SignedInAsync("Personne qui suit la mobilité");
        var themed = $"/processes/{app.World.ProcessSlug}/proposals?theme={app.World.ThemeId}";
        var button = (await follower.GetAsync(themed)).Document.QuerySelector("form.follow button")!;
        Assert.StartsWith("Suivre", button.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await follower.PostAsync("/follow", new Dictionary<string, string>
        {
            ["kind"] = "Theme", ["subjectId"] = app.World.ThemeId.ToString(), ["following"] = "true", ["returnUrl"] = themed,
        }, themed)).Status);
        Assert.StartsWith("Ne plus suivre", (await follower.GetAsync(themed)).Document.QuerySelector("form.follow button")!.TextContent, StringComparison.Ordinal);

        var (author, _) = await app.SignedInAsync("Auteur dans un thème");
        var inTheme = await ProposeAsync(author, "Des bus le dimanche");
        await CommentAsync(author, inTheme, "Au moins toutes les heures.");
        var elsewhere = await ProposalForms.ProposeAsync(author, app.World.ProcessSlug, "Un centre de santé", theme: null);
        await CommentAsync(author, elsewhere, "Avec des médecins généralistes.");

        var news = (await follower.GetAsync("/account/notifications")).Text(".notification-list");
        Assert.Contains("Au moins toutes les heures.", news, StringComparison.Ordinal);
        Assert.DoesNotContain("médecins généralistes", news, StringComparison.Ordinal);
        var settings = await follower.GetAsync("/account/notifications/settings");
        Assert.Contains(settings.Texts("main li a"), t => t == "Mobilité");
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.Notifications.CountAsync(n => n.PersonId == followerPerson.Id)));
    }

    private static async Task<SyndicationFeed> ReadFeedAsync(Session session, string path)
    {
        var response = await session.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.StartsWith("application/atom+xml", response.ContentType, StringComparison.Ordinal);
        using var reader = XmlReader.Create(new StringReader(response.Body));
        return SyndicationFeed.Load(reader);
    }
}
