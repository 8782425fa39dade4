using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Web.Throughput;

namespace Parvis.Tests.Integration;

[Trait("Suite", "integration")]
public sealed partial class AccountTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    [Fact]
    public async Task A_person_registers_confirms_by_email_and_signs_in()
    {
        using var session = app.NewSession();
        // An apostrophe, as in many French names, is a valid address.
        var email = $"jeanne.d'arc.{Guid.NewGuid():N}@example.org";
        var registered = await session.PostAsync("/account/register", new Dictionary<string, string>
        {
            ["Input.Pseudonym"] = "Nouvelle venue",
            ["Input.Email"] = email,
            ["Input.Password"] = ParvisApp.Password,
        });
        Assert.Equal(HttpStatusCode.OK, registered.Status);
        Assert.NotEmpty(registered.Text("[role=status]"));

        var tooEarly = await session.PostAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = ParvisApp.Password });
        Assert.Equal(HttpStatusCode.OK, tooEarly.Status);
        Assert.Contains("Confirmez d'abord", tooEarly.Text("[role=alert]"), StringComparison.Ordinal);

        var message = await app.Mail.WaitForAsync(email, m => m.Subject?.Contains("Confirmez", StringComparison.Ordinal) == true);
        Assert.Contains("Nouvelle venue", message.TextBody!, StringComparison.Ordinal);
        var link = new Uri(LinkIn(message.TextBody!));
        var confirmPage = await session.GetAsync(link.PathAndQuery);
        var confirmed = await session.PostAsync("/account/confirm", new Dictionary<string, string>
        {
            ["Id"] = confirmPage.Document.QuerySelector("input[name=Id]")!.GetAttribute("value")!,
            ["Token"] = confirmPage.Document.QuerySelector("input[name=Token]")!.GetAttribute("value")!,
        }, link.PathAndQuery);
        Assert.Contains("confirmée", confirmed.Text("[role=status]"), StringComparison.Ordinal);

        await session.SignInAsync(email, ParvisApp.Password);
        var account = await session.GetAsync("/account");
        Assert.Equal(HttpStatusCode.OK, account.Status);
        Assert.Contains(email, account.Text("main"), StringComparison.Ordinal);
    }

    /// <summary>A citizen who meant to support a proposal lands back on it, through registration and the e-mail.</summary>
    [Fact]
    public async Task Registering_from_a_page_comes_back_to_it_through_the_email_and_signing_in()
    {
        using var session = app.NewSession();
        var wanted = $"/processes/{app.World.ProcessSlug}/proposals";
        var signIn = await session.GetAsync($"/account/sign-in?returnUrl={Uri.EscapeDataString(wanted)}");
        var register = signIn.Document.QuerySelectorAll("main a").Single(a => a.GetAttribute("href")!.StartsWith("/account/register", StringComparison.Ordinal)).GetAttribute("href")!;
        var form = await session.GetAsync(register);
        Assert.Equal(wanted, form.Document.QuerySelector("input[name=ReturnUrl]")!.GetAttribute("value"));
        var email = $"{Guid.NewGuid():N}@example.org";
        Assert.Equal(HttpStatusCode.OK, (await session.PostAsync(register, new Dictionary<string, string>
        {
            ["ReturnUrl"] = wanted, ["Input.Pseudonym"] = "Venue pour soutenir", ["Input.Email"] = email, ["Input.Password"] = ParvisApp.Password,
        })).Status);

        var link = new Uri(LinkIn((await app.Mail.WaitForAsync(email, m => m.Subject?.Contains("Confirmez", StringComparison.Ordinal) == true)).TextBody!));
        var confirmPage = await session.GetAsync(link.PathAndQuery);
        var confirmed = await session.PostAsync(link.PathAndQuery, new Dictionary<string, string>
        {
            ["Id"] = confirmPage.Document.QuerySelector("input[name=Id]")!.GetAttribute("value")!,
            ["Token"] = confirmPage.Document.QuerySelector("input[name=Token]")!.GetAttribute("value")!,
            ["ReturnUrl"] = confirmPage.Document.QuerySelector("input[name=ReturnUrl]")!.GetAttribute("value")!,
        }, link.PathAndQuery);
        var next = confirmed.Document.QuerySelector("main a.button")!.GetAttribute("href")!;
        Assert.Equal($"/account/sign-in?returnUrl={Uri.EscapeDataString(wanted)}", next);
        var signedIn = await session.PostAsync(next, new Dictionary<string, string>
        {
            ["ReturnUrl"] = wanted, ["Input.Email"] = email, ["Input.Password"] = ParvisApp.Password, ["Input.RememberMe"] = "false",
        }, next);
        Assert.Equal(wanted, signedIn.Location);

        // An address elsewhere is never carried.
        var elsewhere = await session.GetAsync($"/account/register?returnUrl={Uri.EscapeDataString("https://example.com/")}");
        Assert.Contains(elsewhere.Document.QuerySelectorAll("main a"), l => l.GetAttribute("href") == "/account/sign-in");
        Assert.DoesNotContain("returnUrl", Web.Kernel.People.AccountLinks.Confirm(Guid.NewGuid(), "jeton", "https://example.com/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registering_with_a_known_address_reveals_nothing_and_warns_its_owner()
    {
        var existing = await app.CreatePersonAsync("Déjà là");
        using var session = app.NewSession();
        var response = await session.PostAsync("/account/register", new Dictionary<string, string>
        {
            ["Input.Pseudonym"] = "Quelqu'un d'autre",
            ["Input.Email"] = existing.Email!,
            ["Input.Password"] = ParvisApp.Password,
        });
        Assert.Contains("Presque fini", response.Text("[role=status]"), StringComparison.Ordinal);
        await app.Mail.WaitForAsync(existing.Email!, m => m.Subject?.Contains("existe déjà", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task An_account_is_deleted_neither_by_guessing_its_password_nor_while_it_is_an_organisation_s_last_administrator()
    {
        // A session taken over guesses no password here beyond the sign-in's budget.
        var (session, person) = await app.SignedInAsync("Personne qui supprime à tâtons");
        for (var i = 0; i < 10; i++)
        {
            var wrong = await session.PostAsync("/account/delete", new Dictionary<string, string> { ["Choice"] = "Anonymise", ["Password"] = $"pas le bon mot de passe {i}" });
            Assert.Equal("Ce mot de passe n'est pas le bon.", wrong.Text("#Password-error"));
        }
        var throttled = await session.PostAsync("/account/delete", new Dictionary<string, string> { ["Choice"] = "Anonymise", ["Password"] = ParvisApp.Password });
        Assert.Contains("Trop d'essais de mot de passe", throttled.Text("#Password-error"), StringComparison.Ordinal);
        Assert.True(await app.WithDatabaseAsync(db => db.Users.AnyAsync(u => u.Id == person.Id)));

        // The only administrator of an association is told to hand the role over first; their account stays.
        var (admin, adminPerson) = await app.SignedInAsync("Seule administratrice d'une association");
        await app.WithDatabaseAsync(db =>
        {
            var association = new Parvis.Web.Kernel.Organisations.Organisation { Slug = $"association-{Guid.NewGuid():N}", Name = "Association des riverains" };
            db.AddRange(association, new RoleAssignment { PersonId = adminPerson.Id, OrganisationId = association.Id, Role = Role.Administrator });
            return db.SaveChangesAsync();
        });
        var page = await admin.GetAsync("/account/delete");
        Assert.Contains("dernière administratrice", page.Text("main .alert"), StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("main form[method=post] input[name=Choice]"));
        await admin.PostAsync("/account/delete", new Dictionary<string, string> { ["Choice"] = "Remove", ["Password"] = ParvisApp.Password }, "/account");
        Assert.True(await app.WithDatabaseAsync(db => db.Users.AnyAsync(u => u.Id == adminPerson.Id)));
    }

    [Fact]
    public async Task Bad_registration_input_is_explained_next_to_each_field_and_kept()
    {
        using var session = app.NewSession();
        var response = await session.PostAsync("/account/register", new Dictionary<string, string>
        {
            ["Input.Pseudonym"] = "ab",
            ["Input.Email"] = "pas-une-adresse",
            ["Input.Password"] = "court",
        });
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains("entre 3 et 40", response.Text("#Input_Pseudonym-error"), StringComparison.Ordinal);
        Assert.Contains("adresse e-mail valide", response.Text("#Input_Email-error"), StringComparison.Ordinal);
        Assert.NotEmpty(response.Text("#Input_Password-error"));
        Assert.Equal("pas-une-adresse", response.Document.QuerySelector("#Input_Email")!.GetAttribute("value"));
        Assert.Null(response.Document.QuerySelector("#Input_Password")!.GetAttribute("value"));
        Assert.Equal(0, await app.WithDatabaseAsync(db => Task.FromResult(db.Users.Count(u => u.Email == "pas-une-adresse"))));
        Assert.Equal("email", response.Document.QuerySelector("#Input_Email")!.GetAttribute("type"));

        // A name passing for another with an invisible character, or broken over two lines, is refused beside it.
        foreach (var pseudonym in new[] { "Cami\u200Blle", "Camille\r\nAdmin", "Camille\U000E0020", "Cami\u3164lle" })
        {
            var refused = await session.PostAsync("/account/register", new Dictionary<string, string>
            {
                ["Input.Pseudonym"] = pseudonym, ["Input.Email"] = $"{Guid.NewGuid():N}@example.org", ["Input.Password"] = ParvisApp.Password,
            });
            Assert.Equal("Un pseudonyme ne peut contenir ni retour à la ligne ni caractère invisible.", refused.Text("#Input_Pseudonym-error"));
            Assert.False(await app.WithDatabaseAsync(db => db.Users.AnyAsync(u => u.Pseudonym == pseudonym)));
        }
    }

    [Fact]
    public async Task Registrations_at_the_same_moment_with_one_pseudonym_make_one_account_and_no_error()
    {
        var pseudonym = $"Course{Guid.NewGuid():N}"[..20];
        var visitors = Enumerable.Range(0, 8).Select(_ => app.NewSession()).ToList();
        var tokens = await Task.WhenAll(visitors.Select(v => v.TokenAsync()));
        var answers = await Task.WhenAll(visitors.Select((v, i) => v.PostRawAsync("/account/register", new Dictionary<string, string>
        {
            ["__csrf"] = tokens[i], ["Input.Pseudonym"] = pseudonym, ["Input.Email"] = $"{Guid.NewGuid():N}@example.org", ["Input.Password"] = ParvisApp.Password,
        })));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.Users.CountAsync(u => u.Pseudonym == pseudonym)));
        Assert.Equal(answers.Length - 1, answers.Count(a => a.Text("#Input_Pseudonym-error").Contains("déjà", StringComparison.Ordinal)));
        foreach (var visitor in visitors)
        {
            visitor.Dispose();
        }
    }

    [Fact]
    public async Task Registrations_at_the_same_moment_with_one_address_make_one_account_and_warn_its_owner_of_each_other()
    {
        var address = $"course-{Guid.NewGuid():N}@example.org";
        var visitors = Enumerable.Range(0, 8).Select(_ => app.NewSession()).ToList();
        var tokens = await Task.WhenAll(visitors.Select(v => v.TokenAsync()));
        var answers = await Task.WhenAll(visitors.Select((v, i) => v.PostRawAsync("/account/register", new Dictionary<string, string>
        {
            ["__csrf"] = tokens[i], ["Input.Pseudonym"] = $"Course{Guid.NewGuid():N}"[..20], ["Input.Email"] = address, ["Input.Password"] = ParvisApp.Password,
        })));

        // Every page answers the same; whether found before or by the unique index, each other attempt is told to the owner.
        Assert.All(answers, a => Assert.Contains("Presque fini", a.Text("[role=status]"), StringComparison.Ordinal));
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.Users.CountAsync(u => u.Email == address)));
        await app.Mail.WaitForAsync(address, m => m.Subject?.Contains("Confirmez", StringComparison.Ordinal) == true);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (Warnings() < answers.Length - 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        Assert.Equal(answers.Length - 1, Warnings());
        foreach (var visitor in visitors)
        {
            visitor.Dispose();
        }

        int Warnings() => app.Mail.Messages.Count(m => m.To.ToString().Contains(address, StringComparison.Ordinal)
            && m.Subject?.Contains("existe déjà", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task An_account_changed_to_a_name_taken_at_the_same_moment_is_refused_and_left_as_it_was()
    {
        // The pages check first; two at the same moment both pass, and the unique index keeps one.
        var first = await app.CreatePersonAsync("Première titulaire");
        var second = await app.CreatePersonAsync("Seconde titulaire");
        await using var scope = app.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IUserStore<Person>>();
        var person = (await store.FindByIdAsync(second.Id.ToString(), CancellationToken.None))!;
        (person.UserName, person.NormalizedUserName) = (first.UserName, first.NormalizedUserName);

        var result = await store.UpdateAsync(person, CancellationToken.None);

        Assert.Equal([PersonStore.Taken], result.Errors.Select(e => e.Code));
        Assert.Equal(second.UserName, await app.WithDatabaseAsync(db => db.Users.Where(u => u.Id == second.Id).Select(u => u.UserName).SingleAsync()));
    }

    [Theory]
    [InlineData("x@.example.org")]
    [InlineData("x@example..org")]
    [InlineData("Jo <jo@example.org>")]
    public async Task An_address_no_mail_can_reach_is_refused_before_any_account_is_stored(string address)
    {
        using var session = app.NewSession();
        var pseudonym = $"Adresse{Guid.NewGuid():N}"[..20];
        var response = await session.PostAsync("/account/register", new Dictionary<string, string>
        {
            ["Input.Pseudonym"] = pseudonym,
            ["Input.Email"] = address,
            ["Input.Password"] = ParvisApp.Password,
        });
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains("adresse e-mail valide", response.Text("#Input_Email-error"), StringComparison.Ordinal);
        Assert.Equal(address, response.Document.QuerySelector("#Input_Email")!.GetAttribute("value"));
        Assert.False(await app.WithDatabaseAsync(db => db.Users.AnyAsync(u => u.Pseudonym == pseudonym)));
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_from_the_emailed_link_without_revealing_accounts()
    {
        var person = await app.CreatePersonAsync("Oublieuse");
        using var session = app.NewSession();
        var unknown = await session.PostAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = "personne@example.org" });
        var known = await session.PostAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = person.Email! });
        Assert.Equal(unknown.Text("[role=status]"), known.Text("[role=status]"));

        var message = await app.Mail.WaitForAsync(person.Email!);
        var link = new Uri(LinkIn(message.TextBody!));
        var page = await session.GetAsync(link.PathAndQuery);
        var reset = await session.PostAsync("/account/reset", new Dictionary<string, string>
        {
            ["Id"] = page.Document.QuerySelector("input[name=Id]")!.GetAttribute("value")!,
            ["Token"] = page.Document.QuerySelector("input[name=Token]")!.GetAttribute("value")!,
            ["Password"] = "un tout nouveau mot de passe",
        }, link.PathAndQuery);
        Assert.NotEmpty(reset.Text("[role=status]"));
        await session.SignInAsync(person.Email!, "un tout nouveau mot de passe");
    }

    [Fact]
    public async Task A_port_given_only_in_the_host_header_is_not_put_in_the_links_mailed()
    {
        var person = await app.CreatePersonAsync("Lien sans port");
        using var session = new Session(app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost:6666"), AllowAutoRedirect = false }));
        // Nor does a header that only a trusted proxy's forwarding should set.
        session.Client.DefaultRequestHeaders.Add("X-Original-For", "203.0.113.9");
        await session.PostAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = person.Email! });

        var message = await app.Mail.WaitForAsync(person.Email!);
        Assert.StartsWith("http://localhost/account/", LinkIn(message.TextBody!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_the_other_sessions()
    {
        var person = await app.CreatePersonAsync("Prudente");
        using var laptop = app.NewSession();
        using var phone = app.NewSession();
        await laptop.SignInAsync(person.Email!, ParvisApp.Password);
        await phone.SignInAsync(person.Email!, ParvisApp.Password);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/account")).Status);

        await laptop.PostAsync("/account?handler=SignOutEverywhere", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/account")).Status);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/account")).Status);
    }

    [Fact]
    public async Task The_session_cookie_is_read_once_per_cookie_and_still_signs_its_person_in()
    {
        var options = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        Assert.Equal(app.IsOn(nameof(RememberedTickets)), options.TicketDataFormat is RememberedTickets);

        var person = await app.CreatePersonAsync("Fidèle");
        using var session = app.NewSession();
        await session.SignInAsync(person.Email!, ParvisApp.Password);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/account")).Status);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/account")).Status);
    }

    [Fact]
    public async Task Every_page_links_to_the_sign_out_page_whose_form_signs_out()
    {
        var person = await app.CreatePersonAsync("De passage");
        using var session = app.NewSession();
        await session.SignInAsync(person.Email!, ParvisApp.Password);
        var home = await session.GetAsync("/");
        Assert.Equal("/account/sign-out", home.Document.QuerySelector("header nav a[href='/account/sign-out']")?.GetAttribute("href"));
        // A page without forms of its own carries no token, and is still never kept by the browser.
        Assert.Empty(home.Document.QuerySelectorAll("form[method=post]"));
        var raw = await session.Client.GetAsync("/");
        Assert.True(raw.Headers.CacheControl?.NoStore, "a signed-in page must not be stored");

        var page = await session.GetAsync("/account/sign-out");
        Assert.NotNull(page.Document.QuerySelector("main form[method=post] input[name=__csrf]"));
        var signedOut = await session.PostAsync("/account/sign-out", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, signedOut.Status);
        Assert.Contains("Vous êtes déconnecté ou déconnectée.", (await session.GetAsync("/")).Text("[role=status]"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/account")).Status);
    }

    [Fact]
    public async Task A_visitors_page_is_compressed_with_a_fresh_token_each_time_a_signed_in_page_is_not_compressed_and_keeps_its_token()
    {
        // A compressed page must not repeat a secret next to what someone else can make it show (BREACH).
        using var visitor = app.NewSession();
        Assert.Equal(["gzip"], await EncodingsOfAsync(visitor, "/account/sign-in"));
        Assert.NotEqual(await TokenOfAsync(visitor, "/account/sign-in"), await TokenOfAsync(visitor, "/account/sign-in"));

        var person = await app.CreatePersonAsync("Sans compression");
        using var session = app.NewSession();
        await session.SignInAsync(person.Email!, ParvisApp.Password);
        Assert.Empty(await EncodingsOfAsync(session, "/account/sign-out"));
        var token = await TokenOfAsync(session, "/account/sign-out");
        // Repeated by the throughput layer; fresh each time from the framework alone.
        Assert.Equal(app.IsOn(nameof(RememberedProtection)), token == await TokenOfAsync(session, "/account/sign-out"));
        // The repeated token is as good as a fresh one.
        var signedOut = await session.PostRawAsync("/account/sign-out", new Dictionary<string, string> { ["__csrf"] = token });
        Assert.Equal(HttpStatusCode.Redirect, signedOut.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/account")).Status);
    }

    private static async Task<IEnumerable<string>> EncodingsOfAsync(Session session, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var response = await session.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Content.Headers.ContentEncoding.ToList();
    }

    private static async Task<string> TokenOfAsync(Session session, string path) =>
        (await session.GetAsync(path)).Document.QuerySelector("main form input[name=__csrf]")?.GetAttribute("value")
        ?? throw new InvalidOperationException($"No form token on {path}.");

    [Fact]
    public async Task The_private_pages_ask_visitors_to_sign_in()
    {
        using var session = app.NewSession();
        var response = await session.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        Assert.StartsWith("http://localhost/account/sign-in", response.Location, StringComparison.Ordinal);
    }

    private static string LinkIn(string body) => LinkPattern().Match(body).Value;

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
