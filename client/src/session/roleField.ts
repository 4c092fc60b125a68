/** The awareness field where each client says which role its link gives (apart so setting it does not load the people list). */
export const ROLE_FIELD = 'role'
