import type { DataSource, EntityMetadata } from 'typeorm';

/** TypeORM's metadata of one column (`typeorm/metadata/ColumnMetadata`). */
export type TypeormColumn = EntityMetadata['columns'][number];

/** TypeORM's metadata of one foreign key (`typeorm/metadata/ForeignKeyMetadata`). */
export type TypeormForeignKey = EntityMetadata['foreignKeys'][number];

/** TypeORM's metadata of one index (`typeorm/metadata/IndexMetadata`). */
export type TypeormIndex = EntityMetadata['indices'][number];

/** TypeORM's metadata of one unique constraint (`typeorm/metadata/UniqueMetadata`). */
export type TypeormUnique = EntityMetadata['uniques'][number];

/** The driver of a DataSource: TypeORM's own type normalization and DDL spelling for its database. */
export type TypeormDriver = DataSource['driver'];

/** The `TableColumn` fields TypeORM's drivers read in `createFullType` (see `TableUtils.createTableColumnOptions`). */
export type TypeormTableColumn = Parameters<TypeormDriver['createFullType']>[0];
