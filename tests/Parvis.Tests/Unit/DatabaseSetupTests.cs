using Npgsql;
using Parvis.Web.Kernel.Data;

namespace Parvis.Tests.Unit;

[Trait("Suite", "unit")]
public sealed class DatabaseSetupTests
{
    [Fact]
    public void PostgreSQL_connections_skip_the_session_reset_and_prepare_commands_unless_the_string_says_otherwise()
    {
        var tuned = new NpgsqlConnectionStringBuilder(DatabaseSetup.Tuned("Host=db;Database=parvis"));
        Assert.True(tuned.NoResetOnClose);
        Assert.Equal(50, tuned.MaxAutoPrepare);
        var chosen = new NpgsqlConnectionStringBuilder(DatabaseSetup.Tuned("Host=db;No Reset On Close=false;MaxAutoPrepare=0"));
        Assert.False(chosen.NoResetOnClose);
        Assert.Equal(0, chosen.MaxAutoPrepare);
    }
}
