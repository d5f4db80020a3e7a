using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Quell.Server.Hosting;

/// <summary>
/// Serves the dashboard (<c>src/Quell.Web</c>, built into <c>wwwroot/</c> beside the assembly) at <c>/</c>, open to
/// everyone like <c>/healthz</c>: the page holds no data, and asks for an API key when the API does.
/// </summary>
internal static class DashboardFiles
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "wwwroot");

    public static WebApplication UseDashboard(this WebApplication app)
    {
        if (!Directory.Exists(Root)) return app; // built with QuellSkipWeb=true
        var files = new PhysicalFileProvider(Root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = context =>
            {
                // Vite names assets by content hash: they never change. index.html names the current ones.
                var immutable = context.File.PhysicalPath?.Contains($"{Path.DirectorySeparatorChar}assets{Path.DirectorySeparatorChar}", StringComparison.Ordinal) == true;
                context.Context.Response.Headers[HeaderNames.CacheControl] = immutable ? "public, max-age=31536000, immutable" : "no-cache";
            },
        });
        return app;
    }
}
