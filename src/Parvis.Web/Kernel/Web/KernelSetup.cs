using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Accountability.Report;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Email;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Notifications;
using Parvis.Web.Kernel.OpenData;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Privacy;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Text;
using Parvis.Web.Kernel.Web.Throughput;
using Parvis.Web.Shared;

namespace Parvis.Web.Kernel.Web;

/// <summary>Registers and wires everything every module relies on: storage, people, pages, languages, security.</summary>
public static class KernelSetup
{
    /// <summary>
    /// Read-only, shared instances: the localization middleware hands a request a read-only culture, and would copy
    /// a writable one (its date and number formats recomputed) on every request.
    /// </summary>
    public static readonly CultureInfo[] Cultures = [CultureInfo.GetCultureInfo("fr"), CultureInfo.GetCultureInfo("en")];

    /// <summary>The antiforgery cookie; an anonymous visitor carrying only it still gets shared pages.</summary>
    public const string AntiforgeryCookie = "parvis-csrf";

    /// <summary>The session cookie of a signed-in person.</summary>
    public const string SessionCookie = "parvis";

    public static WebApplicationBuilder AddParvisKernel(this WebApplicationBuilder builder, ModuleCatalog modules)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var dataDirectory = DataDirectory.Resolve(configuration);

        services.AddSingleton(modules);
        foreach (var module in modules.Modules)
        {
            module.AddServices(services);
        }

        services.AddParvisDatabase(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentOrganisation>();
        services.AddScoped<Authorizer>();
        services.AddScoped<AuditLog>();
        services.AddScoped<Moderation>();
        services.AddScoped<FateCommands>();
        services.AddParvisNotifications(configuration);
        services.AddScoped<OpenData.OpenDataService>();
        services.AddScoped<PhaseFeedbackCommands>();
        services.AddParvisApiDescription();
        services.AddScoped<SynthesisCommands>();
        services.AddScoped<CitedSummaries>();
        services.AddScoped<AnalystThemes>();
        services.AddScoped<GridCommands>();
        services.AddScoped<ResultCommands>();
        services.AddScoped<ReportBuilder>();
        services.AddSingleton<PdfConverter>();
        services.AddScoped<ProcessAccess>();
        services.AddScoped<ProcessCommands>();
        services.AddScoped<ProcessJournal>();
        services.AddScoped<OrganisationCommands>();
        services.AddScoped<Mediation.MediationCommands>();
        services.AddScoped<People.NewAddresses>();
        services.AddSingleton<Mediation.ActingCookie>();
        services.AddScoped<Shared.StructureNames>();
        services.AddScoped<Privacy.IPersonalDataSource, Mediation.MediationPersonalData>();
        services.AddScoped<Demographics.DemographicCommands>();
        services.AddScoped<Territory.TerritoryCommands>();
        services.AddScoped<Territory.TerritoryShapes>();
        services.AddScoped<Territory.Basemaps>();
        services.AddScoped<Territory.TerritoryMaps>();
        services.AddScoped<Territory.ActorMentions>();
        services.AddScoped<Analysis.SimilarContributions>();
        services.AddScoped<Analysis.CodeSuggestions>();
        services.AddSingleton<Analysis.LatestEditions>();
        services.AddScoped<Privacy.IPersonalDataSource, Demographics.DemographicsPersonalData>();
        services.AddScoped<PersonalData>();
        services.AddSingleton<MarkdownRenderer>();
        services.Configure<EmailOptions>(configuration.GetSection("Email"));
        services.AddSingleton<MailTransport>();
        services.AddSingleton<EmailSender>();
        services.AddSingleton<IEmailSender>(provider => provider.GetRequiredService<EmailSender>());
        services.AddHostedService<EmailDelivery>();

        services.AddParvisNodes(configuration, dataDirectory);
        services.AddParvisPageCache();
        services.AddSingleton<OrganisationDirectory>();

        services.AddIdentity<Person, Microsoft.AspNetCore.Identity.IdentityRole<Guid>>(o =>
            {
                o.SignIn.RequireConfirmedEmail = true;
                o.User.RequireUniqueEmail = true;
                // The user name is the address, already checked as one: Identity's default characters refuse
                // « jean.d'arc@exemple.fr ».
                o.User.AllowedUserNameCharacters = "";
                o.Password.RequiredLength = PersonRules.PasswordMin;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                // No lockout: anyone could lock an owner out by typing wrong passwords. Attempts are throttled per
                // address and connection instead (SignInModel).
                o.Lockout.AllowedForNewUsers = false;
            })
            .AddEntityFrameworkStores<ParvisDbContext>()
            .AddUserStore<PersonStore>()
            .AddDefaultTokenProviders();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = SessionCookie;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/error/403";
            o.ExpireTimeSpan = Sessions.IdleLimit;
            o.SlidingExpiration = true;
            // Identity builds its validator (user and sign-in managers) on every request only to find that the
            // periodic check is not due yet: look at the cookie's age first, and only then let it check.
            o.Events.OnValidatePrincipal = async context =>
            {
                // A session ended on the server (signed out, ended from the account page, account erased) is refused at once.
                if (!await Sessions.ValidateAsync(context))
                {
                    return;
                }
                var services = context.HttpContext.RequestServices;
                var interval = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityStampValidatorOptions>>().Value.ValidationInterval;
                if (context.Properties.IssuedUtc is not { } issued || services.GetRequiredService<TimeProvider>().GetUtcNow() - issued > interval)
                {
                    await SecurityStampValidator.ValidatePrincipalAsync(context);
                }
            };
        });
        services.AddSingleton<Sessions>();
        ExternalProviders.Register(builder);
        // A change of the security stamp (two-step verification off, a provider unlinked) reaches the sessions opened
        // before within this interval; a new password or an ended session ends them at once (Sessions).
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromSeconds(configuration.GetValue("Security:StampValidationSeconds", 60));
            // The renewed cookie keeps naming its session, and whether it was opened with a second factor.
            o.OnRefreshingPrincipal = context =>
            {
                if (context.CurrentPrincipal is { } current && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity)
                {
                    identity.AddClaims(current.Claims.Where(c => c.Type is Sessions.ClaimType or Sessions.MethodsClaimType)
                        .Select(c => new System.Security.Claims.Claim(c.Type, c.Value)));
                }
                return Task.CompletedTask;
            };
        });

        // French pages stay readable and light: accented letters are written as they are, not as entities.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddLocalization();
        // One instance for pages, commands, validation and binding messages alike (see SharedTextLocalizer).
        var text = new SharedTextLocalizer();
        services.AddSingleton<IStringLocalizer<SharedText>>(text);
        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/";
                o.Conventions.AuthorizeFolder("/Pages/Account/Private");
                o.Conventions.AddFolderApplicationModelConvention("/", RateLimits.LimitEveryPage);
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o =>
                o.DataAnnotationLocalizerProvider = (_, _) => text);
        services.Configure<MvcOptions>(o =>
        {
            LocalizeBindingMessages(o, text);
            o.ModelMetadataDetailsProviders.Add(new InterfaceRequiredMessage());
            o.Filters.Add(new ComponentPages(modules));
            o.Filters.Add(new FormPosts());
        });
        services.Configure<RazorViewEngineOptions>(o => o.PageViewLocationFormats.Add("/Shared/{0}.cshtml"));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = AntiforgeryCookie;
            // Secure under HTTPS (behind nginx: X-Forwarded-Proto), still usable over plain HTTP on a laptop.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__csrf";
        });
        ThroughputLayer.Register(services, configuration);

        services.AddParvisRateLimits(configuration);
        services.AddSingleton<Throttles>();
        services.AddSingleton<EvenTiming>();
        // Scoped as Identity's password hasher it uses.
        services.AddScoped<PasswordCheck>();
        services.AddScoped<IPasswordValidator<Person>, CommonPasswords>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
        return builder;
    }

    public static WebApplication UseParvisKernel(this WebApplication app)
    {
        // Behind nginx on the same machine (deploy/): the visitor's address and scheme, for rate limits and links. What
        // says the forwarded headers were applied is only ever their middleware's: one a client sent goes first.
        app.Use((context, next) =>
        {
            context.Request.Headers.Remove(ForwardedHeadersDefaults.XOriginalForHeaderName);
            return next(context);
        });
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
        app.UseExceptionHandler("/error/500");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.MapHealthChecks("/health");
        app.UseMiddleware<OrganisationResolutionMiddleware>();
        app.UseRequestLocalization(o =>
        {
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.SetDefaultCulture("fr");
            o.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new CustomRequestCultureProvider(context =>
                {
                    var organisation = context.RequestServices.GetRequiredService<CurrentOrganisation>();
                    var culture = organisation.IsResolved ? organisation.Value.DefaultCulture : "fr";
                    return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(culture));
                }),
            ];
        });
        app.UseRouting();
        // Before authentication: a shared page is only ever served to a request without a session cookie.
        app.UseOutputCache();
        // Inside the cache: a public page is kept as it was compressed, so a visit costs no compression.
        app.UseResponseCompression();
        app.UseStaticFiles();
        app.UseAuthentication();
        // After the person is known and before anything is decided for them: a mediator may be acting for someone.
        app.UseMiddleware<Mediation.MediationMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapOpenData();
        app.MapLanguageSwitch();
        app.MapOrganisationStyle();
        return app;
    }

    private static void LocalizeBindingMessages(MvcOptions options, SharedTextLocalizer text)
    {
        var messages = options.ModelBindingMessageProvider;
        messages.SetValueMustNotBeNullAccessor(_ => text["Validation.Required"]);
        messages.SetMissingBindRequiredValueAccessor(_ => text["Validation.Required"]);
        messages.SetAttemptedValueIsInvalidAccessor((_, _) => text["Validation.Invalid"]);
        messages.SetValueIsInvalidAccessor(_ => text["Validation.Invalid"]);
        messages.SetUnknownValueIsInvalidAccessor(_ => text["Validation.Invalid"]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => text["Validation.Invalid"]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => text["Validation.Invalid"]);
        messages.SetValueMustBeANumberAccessor(_ => text["Validation.Number"]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => text["Validation.Number"]);
        messages.SetMissingKeyOrValueAccessor(() => text["Validation.Required"]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => text["Validation.Required"]);
    }

    private static void MapLanguageSwitch(this WebApplication app)
    {
        app.MapGet("/language/{culture}", (string culture, string? returnUrl, HttpContext context) =>
        {
            if (!Cultures.Any(c => c.Name == culture))
            {
                return Results.NotFound();
            }
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            return Results.LocalRedirect(LocalAddresses.Or(returnUrl, "/"));
        });
    }

    /// <summary>The accent colour comes as a stylesheet so the CSP can forbid inline styles.</summary>
    private static void MapOrganisationStyle(this WebApplication app)
    {
        app.MapGet("/organisation.css", (CurrentOrganisation organisation) =>
            Results.Text($":root{{--accent:{organisation.Value.AccentColour};}}\n", "text/css"));
        // Its address carries its version (?v=), so a browser may keep it as long as it likes.
        app.MapGet("/organisation/logo", async (CurrentOrganisation organisation, ParvisDbContext db, HttpContext context) =>
        {
            if (await db.OrganisationLogos.AsNoTracking().FirstOrDefaultAsync(l => l.OrganisationId == organisation.Id) is not { } logo)
            {
                return Results.NotFound();
            }
            // Kept for good only at the address of the current version; another is asked again.
            context.Response.Headers.CacheControl = context.Request.Query["v"] == organisation.Value.LogoVersion ? "public, max-age=31536000, immutable" : "no-cache";
            return Results.File(logo.Bytes, logo.MediaType);
        });
    }
}
