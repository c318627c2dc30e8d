using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Events.Bus;
using Molecule.Events.EventSocket;
using Molecule.Events.ListEvents;
using Molecule.Events.Publishing;
using Molecule.Events.StreamEvents;
using Molecule.Events.WatchWorkspace;
using Molecule.Kernel.Events;

namespace Molecule.Events;

public static class EventsModule
{
    public static IServiceCollection AddEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EventsOptions>()
            .Bind(configuration)
            .Validate(o => o.WebSocketKeepAliveSeconds is >= 0 and <= EventsOptions.MaxSeconds,
                $"WS_KEEPALIVE_SECONDS must be between 0 (off) and {EventsOptions.MaxSeconds}")
            .Validate(o => o.WebSocketKeepAliveTimeoutSeconds is >= 1 and <= EventsOptions.MaxSeconds,
                $"WS_KEEPALIVE_TIMEOUT_SECONDS must be between 1 and {EventsOptions.MaxSeconds}")
            .Validate(o => o.WebSocketAccessCacheSeconds is >= 0 and <= EventsOptions.MaxSeconds,
                $"WS_ACCESS_CACHE_SECONDS must be between 0 and {EventsOptions.MaxSeconds}")
            .Validate(o => o.SseKeepAliveSeconds is >= 0 and <= EventsOptions.MaxSeconds,
                $"SSE_KEEPALIVE_SECONDS must be between 0 (off) and {EventsOptions.MaxSeconds}")
            .Validate(o => o.WebSocketClientBuffer is >= 1 and <= EventsOptions.MaxBuffer,
                $"WS_CLIENT_BUFFER must be between 1 and {EventsOptions.MaxBuffer}")
            .Validate(o => o.SseClientBuffer is >= 1 and <= EventsOptions.MaxBuffer,
                $"SSE_CLIENT_BUFFER must be between 1 and {EventsOptions.MaxBuffer}")
            .ValidateOnStart();

        services.AddSingleton<IEventBus, InProcessEventBus>();
        services.AddSingleton<IEventPublisher, EventPublisher>();
        services.AddSingleton<IEventStream, WorkspaceEventStream>();
        services.AddSingleton<EventSocketHub>();
        services.AddSingleton<WebSocketOriginPolicy>();
        services.AddSingleton<StructureEventLog>();
        return services;
    }

    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapEventSocket();
        endpoints.MapStreamEvents();
        endpoints.MapListEvents();
        return endpoints;
    }
}
