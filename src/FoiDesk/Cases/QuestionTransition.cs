namespace FoiDesk.Cases;

/// <summary>One row of the question table: <see cref="Command"/> moves a question from <see cref="From"/> to <see cref="To"/>.</summary>
public sealed record QuestionTransition(QuestionStatus? From, CaseCommand Command, QuestionStatus To);
