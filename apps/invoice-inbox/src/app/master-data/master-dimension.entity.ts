import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The inbox's copy of an ERP dimension value (from `erp.dimension.changed.v1`). */
@Entity({ name: 'master_dimension' })
export class MasterDimension {
  @PrimaryColumn('text') companyId!: string;
  @PrimaryColumn('text') dimensionType!: string;
  @PrimaryColumn('text') code!: string;
  @Column({ type: 'text', nullable: true }) dimensionTypeName!: string | null;
  @Column('text') name!: string;
  @Column('boolean') active!: boolean;
  @Column('boolean') deleted!: boolean;
  @Column('timestamptz') changedAt!: Date;
}
