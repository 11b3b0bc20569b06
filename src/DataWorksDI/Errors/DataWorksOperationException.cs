namespace DataWorksDI.Errors
{
    /// <summary>
    /// A failure the module itself detects (bad input, what the workspace makes impossible, a package that failed, a
    /// wait that timed out). Thrown by services and workflows; the cmdlet layer turns it into an ErrorRecord whose
    /// ErrorId (from <see cref="ErrorIds"/>), category and recommended action are the ones given here.
    /// </summary>
    [Serializable]
    public class DataWorksOperationException : Exception
    {
        public DataWorksOperationException(string errorId, string message, ErrorCategory category, Exception inner = null) : base(message, inner)
        {
            ErrorId = errorId;
            Category = category;
        }

        public string ErrorId { get; }

        public ErrorCategory Category { get; }

        /// <summary>What to do about it, when the module knows (ErrorDetails.RecommendedAction).</summary>
        public string RecommendedAction { get; internal set; }

        /// <summary>
        /// The object the failure is about when it is more precise than the cmdlet's input (e.g. the deployment package
        /// that failed); null to use the input.
        /// </summary>
        public object Target { get; internal set; }
    }
}
