/** The grid module's entities (registered in src/database/entities.ts). */
export const gridEntities: Function[] = [];
