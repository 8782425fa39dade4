namespace Parvis.Tests.Unit.Voting;

[Trait("Suite", "unit")]
public sealed class TallyCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("parvis-tally-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int Exit, string Output, string Error) Tally(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = TallyCli.Command.Run([TallyCli.Command.Name, .. args], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private string File(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("plurality", "1\n")]
    [InlineData("approval", "1\n2\n3\n")]
    [InlineData("borda", "1\n2\n")]
    [InlineData("irv", "1\n")]
    [InlineData("schulze", "1\n")]
    public void Each_method_prints_its_winners_by_number(string method, string winners)
    {
        // First choices 4, 3, 2; IRV drops 3, whose ballots go to 1: 6 to 3. Borda: 10, 10, 7, a tie the lowest number
        // wins, both printed. Every ballot ranks all three: approval ties them all. Pairwise 1 > 2 > 3 > 1, Schulze: 1.
        var file = File("cycle.soc", """
            # FILE NAME: cycle.soc
            # DATA TYPE: soc
            # NUMBER ALTERNATIVES: 3
            4: 1,2,3
            3: 2,3,1
            2: 3,1,2
            """);
        var (exit, output, error) = Tally("--method", method, file);
        Assert.Equal("", error);
        Assert.Equal(0, exit);
        Assert.Equal(winners, output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_readme_command_prints_the_elected_of_dublin_west()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "Unit", "Voting", "Data", "dublin-west-2002.soi");
        var (exit, output, _) = Tally("--method", "stv", "--seats", "3", file);
        Assert.Equal(0, exit);
        Assert.Equal("5\n4\n2\n", output.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("--method", "dictatorship")]
    [InlineData("--method", "stv", "--seats", "zero")]
    [InlineData("--seats", "2")]
    public void A_wrong_command_says_how_to_write_it(params string[] args)
    {
        var (exit, output, error) = Tally([.. args, "ballots.soc"]);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.NotEqual("", error);
    }

    [Fact]
    public void A_file_that_is_not_preflib_is_refused_with_its_line()
    {
        var (exit, _, error) = Tally("--method", "irv", File("bad.soi", "# NUMBER ALTERNATIVES: 2\n3: 1,7\n"));
        Assert.Equal(1, exit);
        Assert.Contains("Line 2", error, StringComparison.Ordinal);
    }
}
