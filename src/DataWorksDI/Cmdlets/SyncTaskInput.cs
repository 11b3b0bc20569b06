using DataWorksDI.Services;
using DataWorksDI.Validation;

namespace DataWorksDI.Cmdlets
{
    /// <summary>
    /// Reads and checks the sync task cmdlets' input offline: -Content/-Path (TaskContentValidator) and -Cu. Bad input is
    /// one non-terminating error listing every problem with its fix, and nothing is sent.
    /// </summary>
    internal static class SyncTaskInput
    {
        /// <summary>-Cu when it was given (null when not); false after writing DataWorksDI.InvalidCu for a value DataWorks refuses.</summary>
        public static bool TryReadCu(PSCmdlet cmdlet, double value, object target, out double? cu)
        {
            cu = cmdlet.MyInvocation.BoundParameters.ContainsKey("Cu") ? value : (double?)null;
            string problem = SyncTaskService.CuProblem(cu);
            if (problem == null) return true;
            cmdlet.WriteError(ErrorRecords.Create(ErrorIds.InvalidCu, problem, ErrorCategory.InvalidArgument, target,
                "Give -Cu a positive multiple of 0.5 (for example -Cu 2), or leave it out to keep the task's current CUs."));
            return false;
        }

        /// <summary>The text of -Content (a string as written, a hashtable or object serialised once) or of the -Path file.</summary>
        public static bool TryReadText(PSCmdlet cmdlet, object content, string path, object target, out string json)
        {
            json = null;
            try
            {
                json = path != null
                    ? TaskContentInput.FromFile(cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path))
                    : TaskContentInput.FromParameter(content);
                return true;
            }
            catch (System.IO.FileNotFoundException ex)
            {
                cmdlet.WriteError(ErrorRecords.Create(ErrorIds.ContentFileNotFound, ex.Message, ErrorCategory.ObjectNotFound, path));
            }
            catch (ContentFileException ex)
            {
                cmdlet.WriteError(ErrorRecords.Create(ex.ErrorId, "Nothing was sent: " + ex.Message,
                    ex.ErrorId == ErrorIds.ContentFileTooLarge ? ErrorCategory.LimitsExceeded : ErrorCategory.InvalidArgument, path));
            }
            catch (Exception ex) when (ex is System.IO.IOException || ex is UnauthorizedAccessException)
            {
                cmdlet.WriteError(ErrorRecords.Create(ErrorIds.ContentFileNotRegular, $"Nothing was sent: -Path '{path}' could not be read: {ex.Message}", ErrorCategory.ReadError, path));
            }
            catch (ArgumentException ex)
            {
                cmdlet.WriteError(ErrorRecords.Create(ErrorIds.InvalidContent, ex.Message, ErrorCategory.InvalidArgument, target));
            }
            return false;
        }

        /// <summary>The text, checked: in full, or with <paramref name="skipValidation"/> only that it is a JSON object.</summary>
        public static bool TryRead(PSCmdlet cmdlet, object content, string path, object target, bool skipValidation, out string json)
        {
            if (!TryReadText(cmdlet, content, path, target, out json)) return false;
            if (skipValidation)
            {
                // Still refuse what cannot be JSON at all: the service would only answer with an opaque error.
                string reason = TaskContentInput.MalformedReason(json);
                if (reason == null) return true;
                cmdlet.WriteError(ErrorRecords.Create(ErrorIds.WithCode(ErrorIds.InvalidContent, ValidationCodes.ContentMalformedJson),
                    $"Nothing was sent: {reason}.", ErrorCategory.InvalidData, target));
                return false;
            }
            TaskContentValidationResult result = new TaskContentValidator().Validate(json);
            return ValidationReport.Write(cmdlet, result.Findings, ErrorIds.InvalidContent, target,
                "The task content has {0} problem(s); nothing was sent (-SkipValidation sends it anyway)");
        }
    }
}
