/**
 * A list of classes handed to TypeORM (entities, migrations). TypeORM's own option type is `Function[]`;
 * a constructor type says the same thing without accepting any arrow function.
 */
export type ClassList = (abstract new (...args: any[]) => unknown)[];
