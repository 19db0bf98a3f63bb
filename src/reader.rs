//! Reading untrusted JSON field by field: every problem is collected with its path, so that all
//! of them are reported at once. Shared by the readers of the scenario (contract 1) and of the
//! 400-number account (contract 2), which add their own methods in their modules.

use crate::json::Json;
use crate::problem::{join, Code, Problem};

/// Collects every problem found while reading untrusted JSON, each with its path.
pub(crate) struct Reader {
    pub(crate) problems: Vec<Problem>,
}

impl Reader {
    /// Checks that `v` is an object; warns about fields outside `known`.
    pub(crate) fn object(&mut self, v: &Json, path: &str, known: &[&str]) -> bool {
        let Json::Object(entries) = v else {
            self.problems.push(
                Problem::error(path, Code::WrongType)
                    .with("expected", "object")
                    .with("found", v.kind()),
            );
            return false;
        };
        for (k, _) in entries {
            if !known.iter().any(|name| k.is(name)) {
                self.problems.push(
                    Problem::warning(join(path, k), Code::UnknownField).with("field", k.as_str()),
                );
            }
        }
        true
    }

    /// Reads an optional field with `parse`; `None` when absent, and when wrong (problem noted).
    pub(crate) fn optional<T>(
        &mut self,
        obj: &Json,
        path: &str,
        key: &str,
        parse: impl FnOnce(&Json) -> Result<T, Problem>,
    ) -> Result<Option<T>, ()> {
        match obj.get(key) {
            None => Ok(None),
            Some(v) => parse(v)
                .map(Some)
                .map_err(|p| self.problems.push(p.at(join(path, key)))),
        }
    }

    /// Reads a field that falls back to `default` when absent.
    pub(crate) fn with_default<T>(
        &mut self,
        obj: &Json,
        path: &str,
        key: &str,
        default: T,
        parse: impl FnOnce(&Json) -> Result<T, Problem>,
    ) -> Option<T> {
        self.optional(obj, path, key, parse)
            .ok()
            .map(|v| v.unwrap_or(default))
    }

    /// Reads a required field.
    pub(crate) fn required<T>(
        &mut self,
        obj: &Json,
        path: &str,
        key: &str,
        parse: impl FnOnce(&Json) -> Result<T, Problem>,
    ) -> Option<T> {
        match self.optional(obj, path, key, parse) {
            Ok(Some(v)) => Some(v),
            Ok(None) => {
                self.problems
                    .push(Problem::error(join(path, key), Code::Required));
                None
            }
            Err(()) => None,
        }
    }
}
