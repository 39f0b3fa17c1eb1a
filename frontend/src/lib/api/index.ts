export { createApi, unwrap, type Api, type components, type paths } from './client';
export { ApiError, NetworkError, isProblem, problemText, readProblem, type FieldError, type Problem } from './problems';
