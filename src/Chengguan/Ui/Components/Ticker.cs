namespace Chengguan.Ui.Components;

/// <summary>
/// One timer per circuit that ticks every second while anything listens; countdowns re-render
/// themselves on it instead of each holding a timer or re-rendering the whole page.
/// </summary>
public sealed class Ticker(TimeProvider time) : IDisposable
{
    private ITimer? _timer;
    private event Action? _tick;

    public DateTimeOffset Now => time.GetUtcNow();

    public void Subscribe(Action listener)
    {
        _tick += listener;
        _timer ??= time.CreateTimer(_ => _tick?.Invoke(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public void Unsubscribe(Action listener) => _tick -= listener;

    public void Dispose() => _timer?.Dispose();
}
