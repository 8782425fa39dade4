using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;

namespace Parvis.Web.Kernel.People;

/// <summary>
/// The accounts' store. Two registrations at the same moment with one pseudonym or address both pass the pages' checks;
/// the unique indexes then keep one, and the other is refused as <see cref="Taken"/> rather than thrown.
/// </summary>
public sealed class PersonStore(ParvisDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<Person, IdentityRole<Guid>, ParvisDbContext, Guid>(context, describer)
{
    public const string Taken = "Taken";

    public override async Task<IdentityResult> CreateAsync(Person user, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.CreateAsync(user, cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            Context.Entry(user).State = EntityState.Detached;
            return IdentityResult.Failed(new IdentityError { Code = Taken, Description = Taken });
        }
    }
}
