using Microsoft.AspNetCore.Http.Features;

namespace GridGeo.Api.Shared;

/// <summary>
/// Caps every request body at <see cref="ApiOptions.MaxRequestBodyBytes"/>: a declared length over it is
/// refused at once with 413 problem+json, and a streamed body is cut off by the server at the same size.
/// </summary>
public static class RequestBodyLimit
{
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app, long maxBytes) =>
        app.Use(async (http, next) =>
        {
            if (http.Request.ContentLength > maxBytes)
            {
                await Results.Problem(title: "Request body too large",
                        detail: $"the body has {http.Request.ContentLength} bytes, above the limit of {maxBytes}",
                        statusCode: StatusCodes.Status413PayloadTooLarge)
                    .ExecuteAsync(http);
                return;
            }
            var feature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (feature is { IsReadOnly: false }) feature.MaxRequestBodySize = maxBytes;
            await next(http);
        });
}
