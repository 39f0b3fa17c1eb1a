export { createApi, unwrap, type Api, type components, type paths } from './client';
export {
  ApiError,
  NetworkError,
  isProblem,
  problemText,
  readProblem,
  type FieldError,
  type Problem,
} from './problems';
export {
  PROBLEM_TYPES,
  errorMessage,
  fieldErrorText,
  fieldLabel,
  fieldLines,
  isKind,
  problemKind,
  problemMessage,
  problemWord,
  savedByOthers,
  type ProblemKind,
  type ProblemWord,
} from './problemWords';
