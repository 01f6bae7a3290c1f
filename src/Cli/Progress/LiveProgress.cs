using System.Globalization;
using Functional.Domain.Training;
using LanguageExt;
using Spectre.Console;

namespace Functional.Cli.Progress;

/// <summary>A Spectre.Console progress bar on its own surface (stderr), so stdout carries only the notebook's transcript.</summary>
public static class LiveProgress
{
    public static TrainingOutcome Show(TextWriter surface, int epochs, int alreadyDone, Func<Action<EpochCompleted>, TrainingOutcome> train)
    {
        // Interactive and ANSI are forced: this runs only when the caller decided a live bar is wanted (a terminal, or --progress always).
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(surface),
            Ansi = AnsiSupport.Yes,
            Interactive = InteractionSupport.Yes,
        });
        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Describe(alreadyDone, epochs, Option<double>.None, Option<double>.None), maxValue: epochs);
                task.Value = alreadyDone;
                var lastTest = Option<double>.None;
                return train(epoch =>
                {
                    lastTest = epoch.TestLoss.IsSome ? epoch.TestLoss.Map(loss => (double)loss) : lastTest;
                    task.Value = epoch.Epoch + 1;
                    task.Description = Describe(epoch.Epoch + 1, epochs, epoch.TrainLoss, lastTest);
                });
            });
    }

    static string Describe(int done, int epochs, Option<double> trainLoss, Option<double> testLoss) =>
        Markup.Escape($"epoch {done}/{epochs}  train loss {Show(trainLoss)}  test loss {Show(testLoss)}");

    static string Show(Option<double> loss) => loss.Match(l => l.ToString("0.00000", CultureInfo.InvariantCulture), () => "-");
}
