using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.People;

namespace Parvis.Web.Kernel.Setup;

/// <summary>
/// First-run administration from the command line. There is no default password anywhere:
/// create-admin prints a one-time link where the administrator chooses theirs.
/// </summary>
public static class AdminCli
{
    public static async Task<int> RunAsync(CommandLine commandLine, IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        try
        {
            return commandLine.Command switch
            {
                "create-organisation" => await CreateOrganisationAsync(commandLine, scope.ServiceProvider),
                "create-admin" => await CreateAdministratorAsync(commandLine, scope.ServiceProvider),
                "reset-two-factor" => await ResetTwoFactorAsync(commandLine, scope.ServiceProvider),
                _ => throw new ArgumentException($"Unknown command {commandLine.Command}."),
            };
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
    }

    private static async Task<int> CreateOrganisationAsync(CommandLine commandLine, IServiceProvider services)
    {
        var db = services.GetRequiredService<ParvisDbContext>();
        var name = commandLine.Required("name");
        var host = commandLine.Required("host").ToLowerInvariant();
        var slug = commandLine.Options.GetValueOrDefault("slug") ?? Slugs.From(name);
        var culture = commandLine.Options.GetValueOrDefault("culture") ?? "fr";
        if (culture is not ("fr" or "en"))
        {
            throw new ArgumentException("--culture must be fr or en.");
        }
        if (await db.OrganisationHosts.AnyAsync(h => h.Host == host) || await db.Organisations.AnyAsync(o => o.Slug == slug))
        {
            throw new ArgumentException($"An organisation already uses the host {host} or the short name {slug}.");
        }
        var organisation = new Organisation { Name = name, Slug = slug, DefaultCulture = culture };
        organisation.Hosts.Add(new OrganisationHost { Host = host });
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        Console.WriteLine($"Organisation {name} ({slug}) created for {host}.");
        return 0;
    }

    private static async Task<int> CreateAdministratorAsync(CommandLine commandLine, IServiceProvider services)
    {
        var db = services.GetRequiredService<ParvisDbContext>();
        var people = services.GetRequiredService<UserManager<Person>>();
        var email = commandLine.Required("email");
        var pseudonym = commandLine.Required("pseudonym");
        var slug = commandLine.Options.GetValueOrDefault("organisation");
        var organisation = await db.Organisations
            .Where(o => slug == null || o.Slug == slug)
            .OrderBy(o => o.CreatedAt)
            .FirstOrDefaultAsync()
            ?? throw new ArgumentException("No such organisation: create one first with create-organisation.");

        await using var transaction = await db.Database.BeginTransactionAsync();
        var person = await people.FindByEmailAsync(email);
        if (person is null)
        {
            person = new Person { UserName = email, Email = email, EmailConfirmed = true, Pseudonym = pseudonym };
            var created = await people.CreateAsync(person);
            if (!created.Succeeded)
            {
                throw new ArgumentException(string.Join(" ", created.Errors.Select(e => e.Description)));
            }
        }
        if (!await db.RoleAssignments.AnyAsync(r => r.PersonId == person.Id && r.OrganisationId == organisation.Id && r.ProcessId == null && r.Role == Role.Administrator))
        {
            db.RoleAssignments.Add(new RoleAssignment { PersonId = person.Id, OrganisationId = organisation.Id, Role = Role.Administrator });
            await db.SaveChangesAsync();
        }
        await transaction.CommitAsync();

        var token = await people.GeneratePasswordResetTokenAsync(person);
        var baseUrl = (commandLine.Options.GetValueOrDefault("url") ?? "http://localhost:5000").TrimEnd('/');
        Console.WriteLine($"{pseudonym} is administrator of {organisation.Name}. Choose the password at:");
        Console.WriteLine($"{baseUrl}{AccountLinks.Reset(person.Id, token)}");
        return 0;
    }

    /// <summary>
    /// For someone who lost both their authenticator and their recovery codes, once the operator has checked who they
    /// are: two-step verification is turned off and every session ends; staff set it up again at their next sign-in.
    /// </summary>
    private static async Task<int> ResetTwoFactorAsync(CommandLine commandLine, IServiceProvider services)
    {
        var people = services.GetRequiredService<UserManager<Person>>();
        var person = await people.FindByEmailAsync(commandLine.Required("email"))
            ?? throw new ArgumentException("No account has this address.");
        await people.SetTwoFactorEnabledAsync(person, false);
        await people.ResetAuthenticatorKeyAsync(person);
        await Sessions.EndOthersAsync(services.GetRequiredService<ParvisDbContext>(), person.Id, kept: null);
        Console.WriteLine($"Two-step verification is off for {person.Pseudonym}, and every session of theirs has ended.");
        return 0;
    }
}
