/**
 * The parts of MikroORM's schema objects (`DatabaseSchema`, `DatabaseTable` from `@mikro-orm/knex`) the mapping
 * reads, typed structurally: the adapter does not depend on `@mikro-orm/knex` (each driver package brings its own
 * copy), and only these fields matter. Field meanings are MikroORM's (`Column`, `IndexDef`, `ForeignKey`,
 * `CheckDef` in @mikro-orm/knex/typings).
 */

/** A column as MikroORM's `DatabaseTable.getColumns()` gives it. */
export interface MikroOrmColumn {
  readonly name: string;
  /** The full SQL type as the schema generator writes it: `varchar(255)`, `serial`, `numeric(10,2)`, `mood`. */
  readonly type: string;
  /** The MikroORM `Type` instance (its class tells `BigIntType`, `EnumType`). */
  readonly mappedType?: unknown;
  readonly autoincrement?: boolean;
  readonly nullable?: boolean;
  /** The default as SQL (`'anon'`, `1.5`, `current_timestamp`); `null`/`'null'` for none. */
  readonly default?: string | null;
  readonly comment?: string;
  /** A generated column's expression, or `by default as identity`. */
  readonly generated?: string;
  readonly nativeEnumName?: string;
  readonly enumItems?: ReadonlyArray<unknown>;
  readonly primary?: boolean;
}

/** An index, unique constraint or primary key as `DatabaseTable.getIndexes()` gives it. */
export interface MikroOrmIndex {
  readonly keyName: string;
  readonly columnNames: ReadonlyArray<string>;
  readonly unique: boolean;
  readonly primary: boolean;
  readonly constraint?: boolean;
  readonly composite?: boolean;
  /** A whole `create index ...` statement given in the entity (`@Index({ expression })`). */
  readonly expression?: string;
  readonly type?: string | Readonly<Record<string, unknown>>;
  readonly deferMode?: string;
  readonly options?: Readonly<Record<string, unknown>>;
}

/** A foreign key as `DatabaseTable.getForeignKeys()` gives it. */
export interface MikroOrmForeignKey {
  readonly constraintName: string;
  readonly columnNames: ReadonlyArray<string>;
  readonly localTableName: string;
  /** May be schema-qualified (`public.user`). */
  readonly referencedTableName: string;
  readonly referencedColumnNames: ReadonlyArray<string>;
  readonly deleteRule?: string;
  readonly updateRule?: string;
  readonly deferMode?: string;
}

/** A check constraint as `DatabaseTable.getChecks()` gives it (expressions are resolved to text by discovery). */
export interface MikroOrmCheck {
  readonly name: string;
  readonly expression: string | ((...args: never[]) => unknown);
  readonly columnName?: string;
}

/** A table of MikroORM's target schema. */
export interface MikroOrmTable {
  readonly name: string;
  readonly schema?: string;
  readonly comment?: string;
  getColumns(): ReadonlyArray<MikroOrmColumn>;
  getIndexes(): ReadonlyArray<MikroOrmIndex>;
  getForeignKeys(): Readonly<Record<string, MikroOrmForeignKey>>;
  getChecks(): ReadonlyArray<MikroOrmCheck>;
}

/** MikroORM's target schema: `SqlSchemaGenerator.getTargetSchema()` / `DatabaseSchema.fromMetadata(...)`. */
export interface MikroOrmDatabaseSchema {
  getTables(): ReadonlyArray<MikroOrmTable>;
  getNativeEnums(): Readonly<Record<string, { readonly name: string; readonly schema?: string; readonly items: ReadonlyArray<string> }>>;
}
