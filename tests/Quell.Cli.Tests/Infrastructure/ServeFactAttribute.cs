namespace Quell.Cli.Tests.Infrastructure;

/// <summary>A test of <c>quell serve</c>: skipped while Quell.Server has no <c>QuellServer</c> (it lands separately).</summary>
public sealed class ServeFactAttribute : FactAttribute
{
    public ServeFactAttribute()
    {
        if (Type.GetType("Quell.Server.QuellServer, Quell.Server") is null)
        {
            Skip = "Quell.Server (QuellServer) has not landed on main yet.";
        }
    }
}
