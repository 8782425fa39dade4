using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;

namespace Parvis.Web.Kernel.People;

/// <summary>
/// The accounts' store. Two registrations (or claims of a held account) at the same moment with one pseudonym or
/// address both pass the pages' checks; the unique indexes then keep one, and the other is refused as
/// <see cref="Taken"/> rather than thrown, the account left as it was in the database.
/// </summary>
public sealed class PersonStore(ParvisDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<Person, IdentityRole<Guid>, ParvisDbContext, Guid>(context, describer)
{
    public const string Taken = "Taken";

    public override Task<IdentityResult> CreateAsync(Person user, CancellationToken cancellationToken = default) =>
        UniqueAsync(user, () => base.CreateAsync(user, cancellationToken));

    public override Task<IdentityResult> UpdateAsync(Person user, CancellationToken cancellationToken = default) =>
        UniqueAsync(user, () => base.UpdateAsync(user, cancellationToken));

    private async Task<IdentityResult> UniqueAsync(Person user, Func<Task<IdentityResult>> save)
    {
        try
        {
            return await save();
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Nothing more is saved of it: a later save in the request must not try the same row again.
            Context.Entry(user).State = EntityState.Detached;
            return IdentityResult.Failed(new IdentityError { Code = Taken, Description = Taken });
        }
    }

    /// <summary>Whether a result refuses an address or user name someone else has (found by the checks, or by the indexes).</summary>
    public static bool TakenBySomeoneElse(IdentityResult result) =>
        result.Errors.Any(e => e.Code is Taken or nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName));
}
